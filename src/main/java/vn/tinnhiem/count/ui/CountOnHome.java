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

import vn.tinnhiem.count.BoxVerdict;
import vn.tinnhiem.count.BoxCheck;
import vn.tinnhiem.count.CountDocuments;
import vn.tinnhiem.count.ElectionRecordExport;
import vn.tinnhiem.count.TotalsUnsealing;
import vn.tinnhiem.count.Unsealing;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.report.ExportFormat;
import vn.tinnhiem.shared.ui.ConferenceDocuments;
import vn.tinnhiem.shared.ui.ConferenceSteps;
import vn.tinnhiem.shared.ui.DownloadLinks;
import vn.tinnhiem.shared.Roles;

/**
 * The count's part of a conference's home card, from the polls' opening to the minutes: the next step read from
 * the count's own state (close, check the box, unseal with k of n cards and how many are in, print and sign the
 * minutes), the way to the count's screen, and once counted the minutes and the projector. This is how the board
 * finds the count again after a restart, a new sign-in or the idle logout. Once counted, the minutes, the report,
 * the table and the record are also in the conference's "In và tải về" menu.
 */
@Component
class CountOnHome implements ConferenceSteps, ConferenceDocuments {

    private final BoxCheck box;
    private final TotalsUnsealing unsealing;
    private final CountDocuments documents;
    private final ElectionRecordExport record;
    private final ElectionService elections;

    CountOnHome(BoxCheck box, TotalsUnsealing unsealing, CountDocuments documents, ElectionRecordExport record,
            ElectionService elections) {
        this.box = box;
        this.unsealing = unsealing;
        this.documents = documents;
        this.record = record;
        this.elections = elections;
    }

    @Override
    public Optional<Part> part(long electionId, String status) {
        boolean admin = CurrentStaff.hasRole(Roles.ADMIN);
        if (!admin && !CurrentStaff.hasRole(Roles.TELLER)) {
            return Optional.empty();
        }
        UI ui = UI.getCurrent();
        String who = admin ? "admin" : "teller";
        List<com.vaadin.flow.component.Component> links = new ArrayList<>();
        String next;
        switch (status) {
            case "OPEN" -> next = ui.getTranslation("home.count." + who + ".open");
            case "CLOSED" -> next = closedStep(ui, electionId, who);
            case "TALLIED" -> next = ui.getTranslation("home.count." + who + ".tallied");
            default -> {
                return Optional.empty();
            }
        }
        var count = new Anchor("count/" + electionId, ui.getTranslation("home.count.open"));
        count.addClassName("link-button");
        count.setId("home-count-" + electionId);
        links.add(count);
        if (status.equals("TALLIED")) {
            String label = ui.getTranslation("count.doc.minutes");
            Locale locale = ui.getLocale();
            var minutes = DownloadLinks.link(label, ui.getTranslation("home.count.minutesAria", label),
                    "bien-ban-kiem-phieu-" + electionId + ".pdf", ExportFormat.PDF,
                    out -> documents.writeMinutes(electionId, locale, out));
            minutes.setId("home-minutes-" + electionId);
            links.add(minutes);
        }
        if (!status.equals("OPEN")) {
            var projector = new Anchor("projector/" + electionId, ui.getTranslation("count.projector"));
            projector.addClassName("link-button");
            projector.setId("home-projector-" + electionId);
            links.add(projector);
        }
        return Optional.of(new Part(30, Optional.of(next), Optional.empty(), links));
    }

    /** After the close: the box to check, then the cards to bring, counted as they come in. */
    private String closedStep(UI ui, long electionId, String who) {
        Optional<BoxVerdict> verdict = box.boxVerdict(electionId);
        if (verdict.isEmpty()) {
            // k and n as the lists fixed them: the unsealing's own figures need the key, read only once the box is checked.
            var election = elections.find(electionId).orElseThrow();
            return ui.getTranslation("home.count." + who + ".checkBox", election.thresholdK(),
                    elections.tellers(electionId).size());
        }
        Unsealing state = unsealing.unsealing(electionId);
        if (state.noBallots()) {
            return ui.getTranslation("home.count." + who + ".noBallots");
        }
        return ui.getTranslation("home.count." + who + ".unseal", state.k(), state.n(), state.accepted());
    }

    @Override
    public List<Document> documents(long electionId) {
        boolean counted = elections.find(electionId).map(e -> e.status() == ElectionStatus.TALLIED).orElse(false);
        if (!counted || !CurrentStaff.hasRole(Roles.ADMIN) && !CurrentStaff.hasRole(Roles.TELLER)) {
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
