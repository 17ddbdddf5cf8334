package vn.tinnhiem.shared.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

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
            return new Column(header, weight, Align.LEFT, CellStyle.TEXT, BODY);
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

    static final float BODY = 10;
    private static final float SMALL = 8;
    private static final float TITLE = 14;
    private static final float MARGIN = 42;
    private static final float TOP = 40;
    private static final float BOTTOM = 48;
    private static final float PAD = 3;
    private static final float LEADING = 1.25f;

    private final Locale locale;
    private final PDDocument document;
    private final PDRectangle pageSize;
    private final PDFont regular;
    private final PDFont bold;
    private final Map<Integer, Boolean> printable = new HashMap<>();
    private PDPageContentStream content;
    private float y;
    private String runningHeader = "";
    private String footer = "";
    private String watermark = "";
    private String stamp = "";
    private List<Column> columns = List.of();
    private float minRowHeight;

    private PdfReport(Locale locale, PDRectangle pageSize) {
        this.locale = locale;
        this.pageSize = pageSize;
        // Pages go to a temporary file rather than the heap: an audit log can run to thousands of pages.
        this.document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        try {
            this.regular = font("/fonts/DejaVuSans.ttf");
            this.bold = font("/fonts/DejaVuSans-Bold.ttf");
            newPage();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    public static PdfReport portrait(Locale locale) {
        return new PdfReport(locale, PDRectangle.A4);
    }

    public static PdfReport landscape(Locale locale) {
        return new PdfReport(locale, new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
    }

    /** The report's typeface, embedded as a subset, for a document drawn by hand (the voting cards). */
    public static PDFont embeddedFont(PDDocument document, boolean bold) throws IOException {
        return font(document, bold ? "/fonts/DejaVuSans-Bold.ttf" : "/fonts/DejaVuSans.ttf");
    }

    private PDFont font(String resource) throws IOException {
        return font(document, resource);
    }

    /**
     * Loads one of the embedded DejaVu faces under /fonts ("DejaVuSans", "DejaVuSans-Bold",
     * "DejaVuSansMono-Bold") into a document, subset on save: for pages laid out by hand (share cards).
     */
    public static PDFont dejaVu(PDDocument document, String face) throws IOException {
        return font(document, "/fonts/" + face + ".ttf");
    }

    private static PDFont font(PDDocument document, String resource) throws IOException {
        try (InputStream in = PdfReport.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Missing font " + resource);
            }
            return PDType0Font.load(document, in, true);
        }
    }

    // Page furniture, drawn on every page when the document is written.

    /** Small text at the top of every page after the first (the conference's title). */
    public PdfReport runningHeader(String text) {
        this.runningHeader = clean(text, regular);
        return this;
    }

    /** Small text at the bottom left of every page (when and by what it was made). */
    public PdfReport footer(String text) {
        this.footer = clean(text, regular);
        return this;
    }

    /** Bold text at the top right of every page: a classification ("MẬT") and the copy's number. */
    public PdfReport stamp(String text) {
        this.stamp = clean(text, bold);
        return this;
    }

    /** Large pale text across every page, for drafts and previews. */
    public PdfReport watermark(String text) {
        this.watermark = clean(text, bold);
        return this;
    }

    // Content, top to bottom.

    /**
     * The heading of an official Vietnamese document: the issuing body on the left, the nation's name
     * and motto on the right, each centred in its half and underlined.
     */
    public PdfReport letterhead(String issuer) {
        float half = width() / 2;
        float left = MARGIN;
        float right = MARGIN + half;
        float top = y;
        float yLeft = centredLines(wrap(issuer.toUpperCase(locale), bold, BODY, half - 10), bold, BODY, left, half, top);
        underline(left, half, yLeft);
        float yRight = centredLines(List.of(Translations.translate("export.nation", locale)), bold, BODY, right, half, top);
        yRight = centredLines(List.of(Translations.translate("export.motto", locale)), bold, BODY, right, half, yRight);
        underline(right, half, yRight);
        y = Math.min(yLeft, yRight) - 16;
        return this;
    }

    public PdfReport title(String text) {
        y = centredLines(wrap(text, bold, TITLE, width()), bold, TITLE, MARGIN, width(), y) - 4;
        return this;
    }

    /** A centred line (or more) of body text. */
    public PdfReport centred(String text) {
        ensureRoom(BODY * LEADING);
        y = centredLines(wrap(text, regular, BODY, width()), regular, BODY, MARGIN, width(), y);
        return this;
    }

    /** A left-aligned paragraph of body text. */
    public PdfReport paragraph(String text) {
        for (String line : wrap(text, regular, BODY, width())) {
            ensureRoom(BODY * LEADING);
            y -= BODY * LEADING;
            show(line, regular, BODY, MARGIN, y + BODY * 0.25f);
        }
        return this;
    }

    /** A bold notice in a frame, centred: "Bản xem trước, không dùng để bỏ phiếu". */
    public PdfReport notice(String text) {
        List<String> lines = wrap(text, bold, BODY + 1, width() - 20);
        float height = lines.size() * (BODY + 1) * LEADING + 2 * PAD + 4;
        ensureRoom(height + 6);
        y -= 6;
        try {
            content.setLineWidth(1.2f);
            content.addRect(MARGIN, y - height, width(), height);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = centredLines(lines, bold, BODY + 1, MARGIN, width(), y - PAD - 2) - PAD - 2;
        return this;
    }

    public PdfReport space(float points) {
        y -= points;
        return this;
    }

    /** Starts a table; rows follow with {@link #row}, then {@link #endTable}. */
    public PdfReport table(List<Column> tableColumns, float tableMinRowHeight) {
        this.columns = List.copyOf(tableColumns);
        this.minRowHeight = tableMinRowHeight;
        y -= 6;
        LaidRow header = headerRow();
        if (!fits(header.height() + Math.max(minRowHeight, BODY * LEADING + 2 * PAD))) {
            newPage();
        }
        drawRow(header, true);
        return this;
    }

    /** One table row, a cell per column; a line break inside a cell starts a new line. */
    public PdfReport row(List<String> cells) {
        LaidRow laid = layout(cells, false);
        if (!fits(laid.height())) {
            newPage();
            drawRow(headerRow(), true);
        }
        drawRow(laid, false);
        return this;
    }

    public PdfReport endTable() {
        columns = List.of();
        y -= 8;
        return this;
    }

    /** Signature blocks side by side, kept together on one page: role, "(Ký, ghi rõ họ tên)", room, name. */
    public PdfReport signatures(List<Signature> signatures) {
        if (signatures.isEmpty()) {
            return this;
        }
        float each = width() / signatures.size();
        ensureRoom(120);
        y -= 10;
        float top = y;
        float lowest = y;
        for (int i = 0; i < signatures.size(); i++) {
            Signature s = signatures.get(i);
            float x = MARGIN + i * each;
            float at = centredLines(wrap(s.role().toUpperCase(locale), bold, BODY, each - 10), bold, BODY, x, each, top);
            at = centredLines(List.of(Translations.translate("export.signHere", locale)), regular, SMALL, x, each, at);
            at -= 64;
            if (!s.name().isBlank()) {
                at = centredLines(wrap(s.name(), bold, BODY, each - 10), bold, BODY, x, each, at);
            }
            lowest = Math.min(lowest, at);
        }
        y = lowest - 8;
        return this;
    }

    /** Finishes every page (header, footer, "Trang i/n", watermark) and writes the PDF. */
    public void writeTo(OutputStream out) {
        try {
            content.close();
            int total = document.getNumberOfPages();
            for (int i = 0; i < total; i++) {
                PDPage page = document.getPage(i);
                try (var stream = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true,
                        true)) {
                    content = stream;
                    String number = clean(Translations.translate("export.page", locale, i + 1, total), regular);
                    show(number, regular, SMALL, pageSize.getWidth() - MARGIN - textWidth(number, regular, SMALL),
                            BOTTOM - 26);
                    if (!footer.isEmpty()) {
                        show(fitted(footer, regular, SMALL, width() * 0.7f), regular, SMALL, MARGIN, BOTTOM - 26);
                    }
                    float stampWidth = stamp.isEmpty() ? 0 : textWidth(stamp, bold, BODY + 1);
                    if (i > 0 && !runningHeader.isEmpty()) {
                        show(fitted(runningHeader, regular, SMALL, width() - stampWidth - 12), regular, SMALL, MARGIN,
                                pageSize.getHeight() - TOP + 14);
                    }
                    if (!stamp.isEmpty()) {
                        show(stamp, bold, BODY + 1, pageSize.getWidth() - MARGIN - stampWidth,
                                pageSize.getHeight() - TOP + 14);
                    }
                    if (!watermark.isEmpty()) {
                        drawWatermark();
                    }
                }
            }
            content = null;
            document.save(out);
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

    // Layout.

    private float width() {
        return pageSize.getWidth() - 2 * MARGIN;
    }

    private boolean fits(float height) {
        return y - height >= BOTTOM;
    }

    private void ensureRoom(float height) {
        if (!fits(height)) {
            newPage();
        }
    }

    private void newPage() {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(pageSize);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = pageSize.getHeight() - TOP;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float[] columnWidths() {
        float sum = 0;
        for (Column c : columns) {
            sum += c.weight();
        }
        float[] widths = new float[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width() * columns.get(i).weight() / sum;
        }
        return widths;
    }

    /** Headers are set at body size; a column may set its cells smaller (a hash). */
    private static float size(Column column, boolean header) {
        return header ? BODY : column.fontSize();
    }

    /** The lines of one cell, each with its font. */
    private record Line(String text, PDFont font) {
    }

    private List<Line> cellLines(String text, Column column, float cellWidth, boolean header) {
        List<Line> lines = new ArrayList<>();
        if (!header && column.style() == CellStyle.CHECKBOX) {
            return lines;
        }
        String[] paragraphs = text.split("\n", -1);
        for (int p = 0; p < paragraphs.length; p++) {
            PDFont f = header || (p == 0 && column.style() == CellStyle.FIRST_LINE_BOLD) ? bold : regular;
            for (String line : wrap(paragraphs[p], f, size(column, header), cellWidth - 2 * PAD)) {
                lines.add(new Line(line, f));
            }
        }
        return lines;
    }

    /** A row wrapped into its cells' lines, and the height that takes. */
    private record LaidRow(List<List<Line>> cells, float height) {
    }

    private LaidRow headerRow() {
        return layout(columns.stream().map(Column::header).toList(), true);
    }

    private LaidRow layout(List<String> cells, boolean header) {
        float[] widths = columnWidths();
        float height = header ? 0 : minRowHeight;
        List<List<Line>> laid = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            List<Line> lines = cellLines(i < cells.size() ? cells.get(i) : "", c, widths[i], header);
            laid.add(lines);
            height = Math.max(height, Math.max(1, lines.size()) * size(c, header) * LEADING + 2 * PAD + 2);
        }
        return new LaidRow(laid, height);
    }

    private void drawRow(LaidRow row, boolean header) {
        float[] widths = columnWidths();
        float height = row.height();
        try {
            if (header) {
                content.setNonStrokingColor(0.88f);
                content.addRect(MARGIN, y - height, width(), height);
                content.fill();
                content.setNonStrokingColor(0f);
            }
            content.setLineWidth(0.6f);
            float x = MARGIN;
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                content.addRect(x, y - height, widths[i], height);
                content.stroke();
                if (!header && c.style() == CellStyle.CHECKBOX) {
                    float box = 12;
                    content.setLineWidth(0.9f);
                    content.addRect(x + (widths[i] - box) / 2, y - height / 2 - box / 2, box, box);
                    content.stroke();
                    content.setLineWidth(0.6f);
                } else {
                    float size = size(c, header);
                    float lineY = y - PAD - 1 - size;
                    boolean centre = header || c.align() == Align.CENTER;
                    for (Line line : row.cells().get(i)) {
                        float tx = centre ? x + (widths[i] - textWidth(line.text(), line.font(), size)) / 2 : x + PAD;
                        show(line.text(), line.font(), size, tx, lineY + size * 0.1f);
                        lineY -= size * LEADING;
                    }
                }
                x += widths[i];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= height;
    }

    /** Draws lines centred in [x, x + w] below top; returns the new baseline area bottom. */
    private float centredLines(List<String> lines, PDFont f, float size, float x, float w, float top) {
        float at = top;
        for (String line : lines) {
            at -= size * LEADING;
            show(line, f, size, x + (w - textWidth(line, f, size)) / 2, at + size * 0.25f);
        }
        return at;
    }

    private void underline(float x, float w, float at) {
        try {
            content.setLineWidth(0.6f);
            content.moveTo(x + w * 0.3f, at - 3);
            content.lineTo(x + w * 0.7f, at - 3);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drawWatermark() throws IOException {
        var state = new PDExtendedGraphicsState();
        state.setNonStrokingAlphaConstant(0.12f);
        content.saveGraphicsState();
        content.setGraphicsStateParameters(state);
        content.setNonStrokingColor(0.5f, 0f, 0f);
        float size = 40;
        float w = textWidth(watermark, bold, size);
        double angle = Math.atan2(pageSize.getHeight(), pageSize.getWidth());
        float cx = pageSize.getWidth() / 2;
        float cy = pageSize.getHeight() / 2;
        content.beginText();
        content.setFont(bold, size);
        var at = Matrix.getRotateInstance(angle, cx, cy);
        at.translate(-w / 2, -size / 3);
        content.setTextMatrix(at);
        content.showText(watermark);
        content.endText();
        content.restoreGraphicsState();
    }

    private void show(String text, PDFont f, float size, float x, float baseline) {
        if (text.isEmpty()) {
            return;
        }
        try {
            content.beginText();
            content.setFont(f, size);
            content.newLineAtOffset(x, baseline);
            content.showText(text);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Text.

    private float textWidth(String text, PDFont f, float size) {
        try {
            return f.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Composed (NFC), tabs as spaces, other controls dropped, any character the font lacks as "?". */
    private String clean(String text, PDFont f) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC).replace('\t', ' ');
        StringBuilder out = new StringBuilder(composed.length());
        composed.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                return;
            }
            out.appendCodePoint(printable.computeIfAbsent(cp, c -> canShow(c)) ? cp : '?');
        });
        return out.toString();
    }

    private boolean canShow(int codePoint) {
        String s = new String(Character.toChars(codePoint));
        try {
            regular.encode(s);
            bold.encode(s);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Greedy word wrap; a word longer than the line (a hash) is broken where it must be. */
    private List<String> wrap(String text, PDFont f, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            String clean = clean(paragraph, f).strip().replaceAll(" +", " ");
            if (clean.isEmpty()) {
                lines.add("");
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (String word : clean.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (textWidth(candidate, f, size) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (rest.length() > 1 && textWidth(rest, f, size) > maxWidth) {
                    int cut = longestFitting(rest, f, size, maxWidth);
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** How many characters of {@code word} fit on a line (at least one), measured in one pass. */
    private int longestFitting(String word, PDFont f, float size, float maxWidth) {
        float used = 0;
        int i = 0;
        while (i < word.length()) {
            int next = word.offsetByCodePoints(i, 1);
            used += textWidth(word.substring(i, next), f, size);
            if (used > maxWidth) {
                break;
            }
            i = next;
        }
        return Math.max(i, word.offsetByCodePoints(0, 1));
    }

    /** Cut to one line with an ellipsis, for page furniture. */
    private String fitted(String text, PDFont f, float size, float maxWidth) {
        if (textWidth(text, f, size) <= maxWidth) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && textWidth(cut + "…", f, size) > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
