package vn.tinnhiem.count.ui;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;

import vn.tinnhiem.count.CountDocuments;
import vn.tinnhiem.count.CountHomeStep;
import vn.tinnhiem.count.CountPermissions;
import vn.tinnhiem.count.ElectionRecordExport;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.report.ExportFormat;
import vn.tinnhiem.shared.ui.ConferenceDocuments;
import vn.tinnhiem.shared.ui.ConferenceSteps;
import vn.tinnhiem.shared.ui.DownloadLinks;

/**
 * The count's part of a conference's home card, from the polls' opening to the minutes: the next step read from
 * the count's own state (close, check the box, unseal with k of n cards and how many are in, print and sign the
 * minutes), the way to the count's screen, and once counted the minutes and the projector. This is how the board
 * finds the count again after a restart, a new sign-in or the idle logout. Once counted, the minutes, the report,
 * the table and the record are also in the conference's "In và tải về" menu.
 */
@Component
class CountOnHome implements ConferenceSteps, ConferenceDocuments {

    private final CountPermissions permissions;
    private final CountDocuments documents;
    private final ElectionRecordExport record;

    CountOnHome(CountPermissions permissions, CountDocuments documents, ElectionRecordExport record) {
        this.permissions = permissions;
        this.documents = documents;
        this.record = record;
    }

    @Override
    public Optional<Part> part(ElectionId electionId, String status) {
        Optional<CountHomeStep> step = permissions.home(electionId);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        UI ui = UI.getCurrent();
        String next = ui.getTranslation(step.get().nextKey(), step.get().nextArgs().toArray());
        List<com.vaadin.flow.component.Component> links = new ArrayList<>();
        var count = new Anchor("count/" + electionId, ui.getTranslation("home.count.open"));
        count.addClassName("link-button");
        count.setId("home-count-" + electionId);
        links.add(count);
        if (step.get().minutes().isAllowed()) {
            String label = ui.getTranslation("count.doc.minutes");
            Locale locale = ui.getLocale();
            var minutes = DownloadLinks.link(label, ui.getTranslation("home.count.minutesAria", label),
                    "bien-ban-kiem-phieu-" + electionId + ".pdf", ExportFormat.PDF,
                    out -> documents.writeMinutes(electionId, locale, out));
            minutes.setId("home-minutes-" + electionId);
            links.add(minutes);
        }
        if (step.get().projector().isAllowed()) {
            var projector = new Anchor("projector/" + electionId, ui.getTranslation("count.projector"));
            projector.addClassName("link-button");
            projector.setId("home-projector-" + electionId);
            links.add(projector);
        }
        return Optional.of(new Part(30, Optional.of(next), Optional.empty(), links));
    }

    @Override
    public List<Document> documents(ElectionId electionId) {
        if (!permissions.documents(electionId).isAllowed()) {
            return List.of();
        }
        UI ui = UI.getCurrent();
        Locale locale = ui.getLocale();
        return List.of(
                document(ui, "count.menu.minutes", "count-minutes", "bien-ban-kiem-phieu-" + electionId, ExportFormat.PDF,
                        out -> documents.writeMinutes(electionId, locale, out)),
                document(ui, "count.menu.report", "count-report", "bao-cao-ket-qua-" + electionId, ExportFormat.PDF,
                        out -> documents.writeReport(electionId, locale, out)),
                document(ui, "count.menu.xlsx", "count-xlsx", "ket-qua-" + electionId, ExportFormat.XLSX,
                        out -> documents.writeResultsXlsx(electionId, locale, out)),
                document(ui, "count.menu.record", "count-record", "tinnhiem-election-record-" + electionId,
                        ExportFormat.JSON, out -> record.writeRecord(electionId, out)));
    }

    private static Document document(UI ui, String labelKey, String id, String fileName, ExportFormat format,
            Consumer<OutputStream> writer) {
        String label = ui.getTranslation(labelKey);
        var link = DownloadLinks.link(format.name(), ui.getTranslation("export.download", label, format.name()),
                fileName + "." + format.extension(), format, writer);
        link.setId("export-" + id + "-" + format.name());
        return new Document(label, List.of(link));
    }
}
