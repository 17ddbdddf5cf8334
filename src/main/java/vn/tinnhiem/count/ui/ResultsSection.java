package vn.tinnhiem.count.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.ArrayList;
import java.util.List;
import vn.tinnhiem.count.CountDocuments;
import vn.tinnhiem.count.CountResults;
import vn.tinnhiem.count.ElectionRecordExport;
import vn.tinnhiem.count.ResultTable;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.report.ExportFormat;
import vn.tinnhiem.shared.ui.DownloadLinks;

/**
 * The results as the rule set reads them: the totals and the quorum line, then one card per candidate (name, position, each level's
 * count and percentage, valid and invalid, the band in the rule's words), and every document: the minutes and
 * the report (PDF, numbered copies), the table (XLSX), the election record, a page per candidate, the hall's
 * projector screen and the public list of tracking codes.
 */
class ResultsSection extends VerticalLayout {

    ResultsSection(CountResults results, CountDocuments documents, ElectionRecordExport record, ElectionId electionId,
            ResultTable table) {
        setPadding(false);
        setId("count-results");
        add(new com.vaadin.flow.component.html.H2(getTranslation("count.results")));
        add(CountParts.line(getTranslation("count.results.totals", table.issued(), table.returned(),
                getTranslation("count.results.denominator." + table.rule().denominator().name(), table.denominator()))));
        // The quorum as the minutes print it (their rule and words), marked when not met.
        results.summary(electionId).map(vn.tinnhiem.count.CountSummary::closing).ifPresent(closing -> {
            var quorum = CountParts.line(getTranslation(closing.quorumMet() ? "count.doc.quorumMet"
                    : "count.doc.quorumNotMet", closing.present(), closing.summoned()));
            quorum.setId("count-results-quorum");
            if (!closing.quorumMet()) {
                quorum.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "700");
            }
            add(quorum);
        });
        results.summary(electionId).map(s -> s.box().checked()).ifPresent(checked -> {
            var line = CountParts.line(getTranslation("count.doc.checked", checked));
            line.setId("count-results-checked");
            add(line);
        });
        var rows = new Div();
        rows.setId("count-result-rows");
        for (ResultTable.Row row : table.rows()) {
            var card = row(table, row);
            var page = download("count-candidate-" + row.order(), getTranslation("count.doc.candidate"),
                    "ket-qua-" + electionId + "-" + row.order() + ".pdf", ExportFormat.PDF,
                    out -> documents.writeCandidatePage(electionId, row.order(), getLocale(), out));
            page.getElement().setAttribute("aria-label", getTranslation("count.doc.candidateOf", row.name()));
            card.add(page);
            rows.add(card);
        }
        add(rows);

        var downloads = new FlexLayout();
        downloads.setId("count-documents");
        downloads.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        downloads.getStyle().set("gap", "var(--lumo-space-s)");
        downloads.add(
                download("count-minutes", getTranslation("count.doc.minutes"), "bien-ban-kiem-phieu-" + electionId + ".pdf",
                        ExportFormat.PDF, out -> documents.writeMinutes(electionId, getLocale(), out)),
                download("count-report", getTranslation("count.doc.report"), "bao-cao-ket-qua-" + electionId + ".pdf",
                        ExportFormat.PDF, out -> documents.writeReport(electionId, getLocale(), out)),
                download("count-xlsx", getTranslation("count.doc.xlsx"), "ket-qua-" + electionId + ".xlsx",
                        ExportFormat.XLSX, out -> documents.writeResultsXlsx(electionId, getLocale(), out)),
                download("count-record", getTranslation("count.doc.record"),
                        "tinnhiem-election-record-" + electionId + ".json", ExportFormat.JSON,
                        out -> record.writeRecord(electionId, out)));
        var projector = new Anchor("projector/" + electionId, getTranslation("count.projector"));
        projector.setId("count-projector");
        projector.setTarget("_blank");
        var tracking = new Anchor("tracking/" + electionId, getTranslation("count.tracking"));
        tracking.setId("count-tracking");
        tracking.setTarget("_blank");
        var verify = new Anchor("verify", getTranslation("count.verify"));
        verify.setId("count-verify");
        verify.setTarget("_blank");
        for (Anchor a : List.of(projector, tracking, verify)) {
            a.getStyle().set("min-height", "44px").set("display", "inline-flex").set("align-items", "center");
        }
        add(new Paragraph(getTranslation("count.doc.explain", results.summary(electionId)
                .map(s -> s.fingerprints().recordHash().substring(0, 16)).orElse(""))), downloads, projector,
                tracking, verify);
    }

    private Div row(ResultTable table, ResultTable.Row row) {
        List<String> parts = new ArrayList<>();
        List<String> levels = table.kind().levels();
        for (int l = 0; l < levels.size(); l++) {
            parts.add(getTranslation("level." + levels.get(l)) + " " + row.levels().get(l) + " ("
                    + row.percentages().get(l) + "%)");
        }
        String details = row.position() + "\n" + String.join(" · ", parts) + "\n"
                + getTranslation("count.results.valid", row.valid(), row.invalid()) + "\n"
                + getTranslation(table.wordingKey(row));
        var card = CountParts.card(row.order() + ". " + row.name(), details);
        card.getChildren().skip(1).findFirst().ifPresent(d -> d.getElement().getStyle().set("white-space", "pre-line"));
        card.setId("count-result-" + row.order());
        return card;
    }

    private static Anchor download(String id, String text, String fileName, ExportFormat format,
            java.util.function.Consumer<java.io.OutputStream> writer) {
        var a = DownloadLinks.link(text, text, fileName, format, writer);
        a.setId(id);
        return a;
    }
}
