package vn.tinnhiem.shared.report;

import static vn.tinnhiem.shared.report.PdfCanvas.BODY;
import static vn.tinnhiem.shared.report.PdfCanvas.BOTTOM;
import static vn.tinnhiem.shared.report.PdfCanvas.MARGIN;
import static vn.tinnhiem.shared.report.PdfCanvas.SMALL;
import static vn.tinnhiem.shared.report.PdfCanvas.TOP;

import java.io.IOException;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

import vn.tinnhiem.shared.i18n.Translations;

/**
 * What every page carries besides its content: "Trang i/n" and the footer at the bottom, the running
 * header (from the second page on) and the stamp at the top, and the watermark across. The texts are
 * cleaned when set; they are drawn when the document is written, once the number of pages is known.
 */
final class PageFurniture {

    private final PdfText text;
    private final Locale locale;
    private String runningHeader = "";
    private String footer = "";
    private String watermark = "";
    private String stamp = "";

    PageFurniture(PdfText text, Locale locale) {
        this.text = text;
        this.locale = locale;
    }

    void runningHeader(String header) {
        this.runningHeader = text.clean(header, text.regular());
    }

    void footer(String line) {
        this.footer = text.clean(line, text.regular());
    }

    void stamp(String mark) {
        this.stamp = text.clean(mark, text.bold());
    }

    void watermark(String mark) {
        this.watermark = text.clean(mark, text.bold());
    }

    /** Draws page {@code index} (from 0) of {@code total} on the canvas, which is on that page. */
    void draw(PdfCanvas canvas, int index, int total) throws IOException {
        PDRectangle pageSize = canvas.pageSize();
        float width = canvas.width();
        String number = text.clean(Translations.translate("export.page", locale, index + 1, total), text.regular());
        canvas.show(number, text.regular(), SMALL,
                pageSize.getWidth() - MARGIN - text.width(number, text.regular(), SMALL), BOTTOM - 26);
        if (!footer.isEmpty()) {
            canvas.show(text.fitted(footer, text.regular(), SMALL, width * 0.7f), text.regular(), SMALL, MARGIN,
                    BOTTOM - 26);
        }
        float stampWidth = stamp.isEmpty() ? 0 : text.width(stamp, text.bold(), BODY + 1);
        if (index > 0 && !runningHeader.isEmpty()) {
            canvas.show(text.fitted(runningHeader, text.regular(), SMALL, width - stampWidth - 12), text.regular(),
                    SMALL, MARGIN, pageSize.getHeight() - TOP + 14);
        }
        if (!stamp.isEmpty()) {
            canvas.show(stamp, text.bold(), BODY + 1, pageSize.getWidth() - MARGIN - stampWidth,
                    pageSize.getHeight() - TOP + 14);
        }
        if (!watermark.isEmpty()) {
            drawWatermark(canvas.content(), pageSize);
        }
    }

    /** Pale and diagonal, corner to corner, so it cannot be cut off a draft without cutting the text. */
    private void drawWatermark(PDPageContentStream content, PDRectangle pageSize) throws IOException {
        var state = new PDExtendedGraphicsState();
        state.setNonStrokingAlphaConstant(0.12f);
        content.saveGraphicsState();
        content.setGraphicsStateParameters(state);
        content.setNonStrokingColor(0.5f, 0f, 0f);
        float size = 40;
        float w = text.width(watermark, text.bold(), size);
        double angle = Math.atan2(pageSize.getHeight(), pageSize.getWidth());
        float cx = pageSize.getWidth() / 2;
        float cy = pageSize.getHeight() / 2;
        content.beginText();
        content.setFont(text.bold(), size);
        var at = Matrix.getRotateInstance(angle, cx, cy);
        at.translate(-w / 2, -size / 3);
        content.setTextMatrix(at);
        content.showText(watermark);
        content.endText();
        content.restoreGraphicsState();
    }
}
