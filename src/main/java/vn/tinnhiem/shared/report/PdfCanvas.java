package vn.tinnhiem.shared.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * The page being drawn and the cursor on it: how much room is left, when a new page starts, and the few
 * ways to put text and rules on it. Every measure of the layout lives here, so the report, its tables
 * and its page furniture agree on margins, type sizes and leading.
 */
final class PdfCanvas {

    static final float BODY = 10;
    static final float SMALL = 8;
    static final float TITLE = 14;
    static final float MARGIN = 42;
    static final float TOP = 40;
    static final float BOTTOM = 48;
    static final float PAD = 3;
    static final float LEADING = 1.25f;

    private final PDDocument document;
    private final PDRectangle pageSize;
    private final PdfText text;
    private PDPageContentStream content;
    /** The top of what comes next, moving down the page. */
    private float y;

    PdfCanvas(PDDocument document, PDRectangle pageSize, PdfText text) {
        this.document = document;
        this.pageSize = pageSize;
        this.text = text;
    }

    PDRectangle pageSize() {
        return pageSize;
    }

    /** The width between the margins. */
    float width() {
        return pageSize.getWidth() - 2 * MARGIN;
    }

    float y() {
        return y;
    }

    void setY(float at) {
        y = at;
    }

    void down(float points) {
        y -= points;
    }

    /** The stream of the page being drawn, for rectangles and rules. */
    PDPageContentStream content() {
        return content;
    }

    boolean fits(float height) {
        return y - height >= BOTTOM;
    }

    void ensureRoom(float height) {
        if (!fits(height)) {
            newPage();
        }
    }

    void newPage() {
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

    void show(String line, PDFont f, float size, float x, float baseline) {
        if (line.isEmpty()) {
            return;
        }
        try {
            content.beginText();
            content.setFont(f, size);
            content.newLineAtOffset(x, baseline);
            content.showText(line);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draws lines centred in [x, x + w] below top; returns the new baseline area bottom. */
    float centredLines(List<String> lines, PDFont f, float size, float x, float w, float top) {
        float at = top;
        for (String line : lines) {
            at -= size * LEADING;
            show(line, f, size, x + (w - text.width(line, f, size)) / 2, at + size * 0.25f);
        }
        return at;
    }

    void underline(float x, float w, float at) {
        try {
            content.setLineWidth(0.6f);
            content.moveTo(x + w * 0.3f, at - 3);
            content.lineTo(x + w * 0.7f, at - 3);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ends the last page, then draws the furniture on every page: only now is the number of pages known
     * ("Trang i/n"). Each page is appended to, leaving what was drawn on it untouched.
     */
    void finishPages(PageFurniture furniture) throws IOException {
        content.close();
        int total = document.getNumberOfPages();
        for (int i = 0; i < total; i++) {
            PDPage page = document.getPage(i);
            try (var stream = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true,
                    true)) {
                content = stream;
                furniture.draw(this, i, total);
            }
        }
        content = null;
    }

    void save(OutputStream out) throws IOException {
        document.save(out);
    }
}
