package vn.tinnhiem.count;

import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

import vn.tinnhiem.shared.report.PdfReport;

/**
 * Each candidate's own result on one page, for handing to them: their row of the table and what the
 * rule set says of it, and nobody else's figures.
 */
public final class CandidateResultPdf {

    private CandidateResultPdf() {
    }

    /** One page per candidate, in ballot order, in one PDF (each page stands alone). */
    public static void writeAll(CountSummary summary, Locale locale, OutputStream out) {
        List<ResultTable.Row> rows = summary.results().rows();
        CountDocument.copies(rows.size(), i -> render(summary, locale, rows.get(i - 1)), out);
    }

    /** The page of the candidate with this ballot order (1-based). */
    public static void write(CountSummary summary, int order, Locale locale, OutputStream out) {
        ResultTable.Row row = summary.results().rows().stream().filter(r -> r.order() == order).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no candidate with order " + order));
        CountDocument.copies(1, i -> render(summary, locale, row), out);
    }

    private static byte[] render(CountSummary summary, Locale locale, ResultTable.Row row) {
        var doc = new CountDocument(summary, locale);
        ResultTable table = summary.results();
        PdfReport pdf = PdfReport.portrait(locale);
        doc.opening(pdf, doc.translate("count.doc.candidate.title"), doc.translate("count.doc.secret"));
        pdf.paragraph(doc.translate("count.doc.candidate.who", row.name(), row.position()));
        pdf.paragraph(doc.translate("count.doc.cards", summary.closing().cardsActivated(), table.returned(),
                summary.closing().cardsUnspent(), summary.closing().cardsVoided()));
        pdf.paragraph(doc.translate("count.doc.percentOf", doc.translate(table.rule().denominatorKey()),
                table.denominator()));
        doc.table(pdf, List.of(row));
        pdf.paragraph(doc.translate("count.doc.candidate.band", doc.translate("ruleSet." + table.ruleSet().name()),
                doc.translate(table.wordingKey(row))));
        doc.countedAt(pdf);
        pdf.paragraph(doc.translate("count.doc.fingerprint.manifest", summary.fingerprints().manifestHash()));
        pdf.signatures(List.of(new PdfReport.Signature(doc.translate("count.doc.sign.head"), summary.head().name())));
        return CountDocument.bytes(pdf);
    }
}
