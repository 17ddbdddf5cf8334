package vn.tinnhiem.shared.report;

import static vn.tinnhiem.shared.report.PdfCanvas.BODY;
import static vn.tinnhiem.shared.report.PdfCanvas.LEADING;
import static vn.tinnhiem.shared.report.PdfCanvas.MARGIN;
import static vn.tinnhiem.shared.report.PdfCanvas.PAD;
import static vn.tinnhiem.shared.report.PdfCanvas.SMALL;
import static vn.tinnhiem.shared.report.PdfCanvas.TITLE;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

import vn.tinnhiem.shared.i18n.Translations;

/**
 * A printable A4 document of headings, paragraphs, tables and signature blocks, laid out top to bottom
 * (PDFBox 3). The text is set in DejaVu Sans, embedded as a subset, so Vietnamese prints with its
 * diacritics on any machine. A table repeats its header row on every page; every page gets a running
 * header, a footer and "Trang 1/3". Build it in order, then {@link #writeTo}:
 *
 * <pre>
 * try (var pdf = PdfReport.portrait(locale)) {
 *     pdf.letterhead("ỦY BAN NHÂN DÂN HUYỆN").title("DANH SÁCH").table(columns, 24);
 *     rows.forEach(r -&gt; pdf.row(List.of(...)));
 *     pdf.endTable().signatures(List.of(new PdfReport.Signature("Người lập", ""))).writeTo(out);
 * }
 * </pre>
 *
 * <p>This class is the document's outline: the blocks in order. How text is cleaned and wrapped
 * ({@link PdfText}), where the cursor stands on which page ({@link PdfCanvas}), how a table runs across
 * pages ({@link PdfTable}) and what every page carries ({@link PageFurniture}) each live in their own class.
 */
public final class PdfReport implements AutoCloseable {

    public enum Align {
        LEFT, CENTER
    }

    /** How a column's cells are drawn. */
    public enum CellStyle {
        TEXT,
        /** The first line (up to a line break) in bold: a name above its details. */
        FIRST_LINE_BOLD,
        /** An empty box to tick by hand; the cell's text is ignored. */
        CHECKBOX
    }

    /** A table column: its header, its share of the width, alignment, style and type size. */
    public record Column(String header, float weight, Align align, CellStyle style, float fontSize) {

        public static Column text(String header, float weight) {
            return new Column(header, weight, Align.LEFT, CellStyle.TEXT, PdfCanvas.BODY);
        }

        public Column centered() {
            return new Column(header, weight, Align.CENTER, style, fontSize);
        }

        public Column styled(CellStyle newStyle) {
            return new Column(header, weight, align, newStyle, fontSize);
        }

        public Column size(float newSize) {
            return new Column(header, weight, align, style, newSize);
        }
    }

    /** Room for one signature: the role above it, the signer's name (may be empty) below. */
    public record Signature(String role, String name) {
    }

    private final Locale locale;
    private final PDDocument document;
    private final PdfText text;
    private final PdfCanvas canvas;
    private final PageFurniture furniture;
    /** The table being drawn, between {@link #table} and {@link #endTable}. */
    private PdfTable table;

    private PdfReport(Locale locale, PDRectangle pageSize) {
        this.locale = locale;
        // Pages go to a temporary file rather than the heap: an audit log can run to thousands of pages.
        this.document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        try {
            this.text = new PdfText(PdfFonts.load(document, PdfFonts.REGULAR), PdfFonts.load(document, PdfFonts.BOLD));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
        this.canvas = new PdfCanvas(document, pageSize, text);
        this.furniture = new PageFurniture(text, locale);
        canvas.newPage();
    }

    public static PdfReport portrait(Locale locale) {
        return new PdfReport(locale, PDRectangle.A4);
    }

    public static PdfReport landscape(Locale locale) {
        return new PdfReport(locale, new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
    }

    /** The report's typeface, embedded as a subset, for a document drawn by hand (the voting cards). */
    public static PDFont embeddedFont(PDDocument document, boolean bold) throws IOException {
        return PdfFonts.load(document, bold ? PdfFonts.BOLD : PdfFonts.REGULAR);
    }

    /**
     * Loads one of the embedded DejaVu faces under /fonts ("DejaVuSans", "DejaVuSans-Bold",
     * "DejaVuSansMono-Bold") into a document, subset on save: for pages laid out by hand (share cards).
     */
    public static PDFont dejaVu(PDDocument document, String face) throws IOException {
        return PdfFonts.load(document, face);
    }

    // Page furniture, drawn on every page when the document is written.

    /** Small text at the top of every page after the first (the conference's title). */
    public PdfReport runningHeader(String header) {
        furniture.runningHeader(header);
        return this;
    }

    /** Small text at the bottom left of every page (when and by what it was made). */
    public PdfReport footer(String line) {
        furniture.footer(line);
        return this;
    }

    /** Bold text at the top right of every page: a classification ("MẬT") and the copy's number. */
    public PdfReport stamp(String mark) {
        furniture.stamp(mark);
        return this;
    }

    /** Large pale text across every page, for drafts and previews. */
    public PdfReport watermark(String mark) {
        furniture.watermark(mark);
        return this;
    }

    // Content, top to bottom.

    /**
     * The heading of an official Vietnamese document: the issuing body on the left, the nation's name
     * and motto on the right, each centred in its half and underlined.
     */
    public PdfReport letterhead(String issuer) {
        PDFont bold = text.bold();
        float half = canvas.width() / 2;
        float left = MARGIN;
        float right = MARGIN + half;
        float top = canvas.y();
        float yLeft = canvas.centredLines(text.wrap(issuer.toUpperCase(locale), bold, BODY, half - 10), bold, BODY,
                left, half, top);
        canvas.underline(left, half, yLeft);
        float yRight = canvas.centredLines(List.of(Translations.translate("export.nation", locale)), bold, BODY, right,
                half, top);
        yRight = canvas.centredLines(List.of(Translations.translate("export.motto", locale)), bold, BODY, right, half,
                yRight);
        canvas.underline(right, half, yRight);
        canvas.setY(Math.min(yLeft, yRight) - 16);
        return this;
    }

    public PdfReport title(String title) {
        PDFont bold = text.bold();
        canvas.setY(canvas.centredLines(text.wrap(title, bold, TITLE, canvas.width()), bold, TITLE, MARGIN,
                canvas.width(), canvas.y()) - 4);
        return this;
    }

    /** A centred line (or more) of body text. */
    public PdfReport centred(String line) {
        PDFont regular = text.regular();
        canvas.ensureRoom(BODY * LEADING);
        canvas.setY(canvas.centredLines(text.wrap(line, regular, BODY, canvas.width()), regular, BODY, MARGIN,
                canvas.width(), canvas.y()));
        return this;
    }

    /** A left-aligned paragraph of body text. */
    public PdfReport paragraph(String paragraph) {
        for (String line : text.wrap(paragraph, text.regular(), BODY, canvas.width())) {
            canvas.ensureRoom(BODY * LEADING);
            canvas.down(BODY * LEADING);
            canvas.show(line, text.regular(), BODY, MARGIN, canvas.y() + BODY * 0.25f);
        }
        return this;
    }

    /** A bold notice in a frame, centred: "Bản xem trước, không dùng để bỏ phiếu". */
    public PdfReport notice(String notice) {
        PDFont bold = text.bold();
        List<String> lines = text.wrap(notice, bold, BODY + 1, canvas.width() - 20);
        float height = lines.size() * (BODY + 1) * LEADING + 2 * PAD + 4;
        canvas.ensureRoom(height + 6);
        canvas.down(6);
        try {
            canvas.content().setLineWidth(1.2f);
            canvas.content().addRect(MARGIN, canvas.y() - height, canvas.width(), height);
            canvas.content().stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        canvas.setY(canvas.centredLines(lines, bold, BODY + 1, MARGIN, canvas.width(), canvas.y() - PAD - 2) - PAD - 2);
        return this;
    }

    public PdfReport space(float points) {
        canvas.down(points);
        return this;
    }

    /** Starts a table; rows follow with {@link #row}, then {@link #endTable}. */
    public PdfReport table(List<Column> tableColumns, float tableMinRowHeight) {
        table = new PdfTable(canvas, text, tableColumns, tableMinRowHeight);
        table.start();
        return this;
    }

    /** One table row, a cell per column; a line break inside a cell starts a new line. */
    public PdfReport row(List<String> cells) {
        if (table == null) {
            throw new IllegalStateException("a row belongs in a table: call table(...) first");
        }
        table.row(cells);
        return this;
    }

    public PdfReport endTable() {
        table = null;
        canvas.down(8);
        return this;
    }

    /** Signature blocks side by side, kept together on one page: role, "(Ký, ghi rõ họ tên)", room, name. */
    public PdfReport signatures(List<Signature> signatures) {
        if (signatures.isEmpty()) {
            return this;
        }
        PDFont bold = text.bold();
        float each = canvas.width() / signatures.size();
        canvas.ensureRoom(120);
        canvas.down(10);
        float top = canvas.y();
        float lowest = top;
        for (int i = 0; i < signatures.size(); i++) {
            Signature s = signatures.get(i);
            float x = MARGIN + i * each;
            float at = canvas.centredLines(text.wrap(s.role().toUpperCase(locale), bold, BODY, each - 10), bold, BODY,
                    x, each, top);
            at = canvas.centredLines(List.of(Translations.translate("export.signHere", locale)), text.regular(), SMALL,
                    x, each, at);
            at -= 64;
            if (!s.name().isBlank()) {
                at = canvas.centredLines(text.wrap(s.name(), bold, BODY, each - 10), bold, BODY, x, each, at);
            }
            lowest = Math.min(lowest, at);
        }
        canvas.setY(lowest - 8);
        return this;
    }

    /** Finishes every page (header, footer, "Trang i/n", watermark) and writes the PDF. */
    public void writeTo(OutputStream out) {
        try {
            canvas.finishPages(furniture);
            canvas.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
