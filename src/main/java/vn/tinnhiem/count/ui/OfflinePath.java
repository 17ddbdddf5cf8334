package vn.tinnhiem.count.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.InMemoryUploadHandler;
import java.util.function.Consumer;
import vn.tinnhiem.count.ShareOutcome;
import vn.tinnhiem.count.TotalsUnsealing;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.shared.ui.Notifications;

/** The high-assurance path: the totals out as a file, a partial decryption back from the offline laptop. */
final class OfflinePath extends VerticalLayout {

    /** @param counted hears what an accepted file did, to say beside the seats once the screen is rebuilt */
    OfflinePath(TotalsUnsealing unsealing, ElectionId electionId, Consumer<String> counted) {
        setPadding(false);
        setId("count-offline");
        var totals = new Anchor(com.vaadin.flow.server.streams.DownloadHandler.fromInputStream(event -> {
            byte[] json = unsealing.totalsFile(electionId);
            return new com.vaadin.flow.server.streams.DownloadResponse(new java.io.ByteArrayInputStream(json),
                    "tinnhiem-encrypted-totals-" + electionId + ".json", "application/json", json.length);
        }), getTranslation("count.offline.download"));
        totals.setId("count-totals");
        totals.addClassName("download-link");
        totals.getStyle().set("min-height", "44px").set("display", "inline-flex").set("align-items", "center");
        var report = new Paragraph();
        report.setId("count-partial-report");
        report.getStyle().set("color", "var(--lumo-error-text-color)");
        var handler = new InMemoryUploadHandler((metadata, data) -> {
            try {
                switch (unsealing.importPartial(electionId, data)) {
                    case ShareOutcome.Accepted a -> {
                        counted.accept(getTranslation(a.counted() ? "count.card.lastGood" : "count.card.good",
                                a.seat(), a.tellerName()));
                    }
                    case ShareOutcome.Refused r -> report.setText(getTranslation(r.reasonKey(), r.args().toArray()));
                    // Only a card read in the hall asks for its holder; a file names no card.
                    case ShareOutcome.HolderNeeded h -> report.setText(getTranslation(h.reasonKey(), h.seat(),
                            h.tellerName()));
                }
            } catch (UserFacingException ex) {
                report.setText(Notifications.translate(ex.key(), ex.args()));
            }
        }) {
            @Override
            public long getFileSizeMax() {
                return TotalsUnsealing.MAX_PARTIAL_FILE;
            }
        };
        var upload = new Upload(handler);
        upload.setId("count-partial-upload");
        upload.setMaxFiles(1);
        upload.setI18n(ComponentTexts.upload());
        upload.setAcceptedFileTypes(".json", "application/json");
        add(new H2(getTranslation("count.offline")), new Paragraph(getTranslation("count.offline.explain")), totals,
                new Paragraph(getTranslation("count.offline.import")), upload, report);
    }
}
