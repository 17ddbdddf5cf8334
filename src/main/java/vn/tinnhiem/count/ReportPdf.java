package vn.tinnhiem.count;

import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

import vn.tinnhiem.shared.report.PdfReport;

/**
 * "BÁO CÁO KẾT QUẢ PHIẾU TÍN NHIỆM": the results as reported to the superior body, A4, in numbered
 * copies, handled as confidential.
 */
public final class ReportPdf {

    private ReportPdf() {
    }

    public static void write(CountSummary summary, Locale locale, OutputStream out) {
        write(summary, locale, MinutesPdf.DEFAULT_COPIES, out);
    }

    public static void write(CountSummary summary, Locale locale, int copies, OutputStream out) {
        CountDocument.copies(copies, copy -> render(summary, locale, copy, copies), out);
    }

    private static byte[] render(CountSummary summary, Locale locale, int copy, int copies) {
        var doc = new CountDocument(summary, locale);
        PdfReport pdf = PdfReport.portrait(locale);
        doc.opening(pdf, doc.translate("count.doc.report.title"), doc.stamp(copy, copies));
        pdf.paragraph(doc.translate("count.doc.report.intro",
                doc.translate("ruleSet." + summary.results().ruleSet().name()), summary.conference().body()));
        doc.figures(pdf);
        doc.box(pdf);
        doc.unsealing(pdf);
        doc.results(pdf);
        doc.countedAt(pdf);
        doc.fingerprints(pdf);
        pdf.signatures(List.of(
                new PdfReport.Signature(doc.translate("count.doc.sign.head"), summary.head().name()),
                new PdfReport.Signature(doc.translate("count.doc.sign.organiser", summary.conference().body()), "")));
        return CountDocument.bytes(pdf);
    }
}
