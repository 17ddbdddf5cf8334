package vn.tinnhiem.count;

import java.io.OutputStream;
import java.util.Locale;

import vn.tinnhiem.shared.report.PdfReport;

/**
 * "BIÊN BẢN KIỂM PHIẾU": the tally board's minutes, A4, in numbered copies ("Bản số 1/3" on every page
 * of the first copy, and so on), handled as confidential. The plan makes three copies: two for the
 * superior body, one kept.
 */
public final class MinutesPdf {

    public static final int DEFAULT_COPIES = 3;

    private MinutesPdf() {
    }

    public static void write(CountSummary summary, Locale locale, OutputStream out) {
        write(summary, locale, DEFAULT_COPIES, out);
    }

    /** Writes {@code copies} numbered copies, one after another, as one PDF. */
    public static void write(CountSummary summary, Locale locale, int copies, OutputStream out) {
        CountDocument.copies(copies, copy -> render(summary, locale, copy, copies), out);
    }

    private static byte[] render(CountSummary summary, Locale locale, int copy, int copies) {
        var doc = new CountDocument(summary, locale);
        PdfReport pdf = PdfReport.portrait(locale);
        doc.opening(pdf, doc.translate("count.doc.minutes.title"), doc.stamp(copy, copies));
        pdf.paragraph(doc.translate("count.doc.minutes.intro"));
        doc.board(pdf);
        doc.figures(pdf);
        doc.box(pdf);
        doc.unsealing(pdf);
        doc.results(pdf);
        doc.countedAt(pdf);
        doc.fingerprints(pdf);
        // The plan's own sentence for its three copies: two to the superior body, one kept.
        pdf.space(4).paragraph(copies == DEFAULT_COPIES
                ? doc.translate("count.doc.minutes.threeCopies", summary.conference().body())
                : doc.translate("count.doc.minutes.copies", String.format("%02d", copies)));
        doc.boardSignatures(pdf);
        return CountDocument.bytes(pdf);
    }
}
