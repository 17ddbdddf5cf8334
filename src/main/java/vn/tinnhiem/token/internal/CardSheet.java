package vn.tinnhiem.token.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.i18n.Translations;
import vn.tinnhiem.shared.report.PdfReport;

/**
 * The voting cards as A4 pages of eight cut-out cards (two across, four down, dashed cut lines): on
 * each the QR code, the conference, the code to type and how the card is used, in Vietnamese (the
 * voters' language, whatever the organiser's screen speaks). The QR code is drawn as vector squares, so
 * it prints sharp at any resolution. No number or mark on a card tells one from another but its code.
 */
public final class CardSheet {

    private static final int ACROSS = 2;
    private static final int DOWN = 4;
    private static final float PAD = 16;
    private static final float QR = 104;

    private CardSheet() {
    }

    /** The PDF of these tokens' cards, in the order given. */
    public static byte[] render(String conference, List<byte[]> tokens) {
        try (var document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            PDFont regular = PdfReport.embeddedFont(document, false);
            PDFont bold = PdfReport.embeddedFont(document, true);
            var texts = new Texts(text("cards.pdf.heading"), text("cards.pdf.once"), text("cards.pdf.activate"),
                    text("cards.pdf.how"), text("cards.pdf.codeLabel"));
            PDRectangle a4 = PDRectangle.A4;
            float width = a4.getWidth() / ACROSS;
            float height = a4.getHeight() / DOWN;
            var writer = new QRCodeWriter();
            Map<EncodeHintType, Object> hints = Map.of(EncodeHintType.MARGIN, 0,
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
            for (int first = 0; first < tokens.size(); first += ACROSS * DOWN) {
                var page = new PDPage(a4);
                document.addPage(page);
                try (var content = new PDPageContentStream(document, page)) {
                    cutLines(content, a4, width, height);
                    for (int i = first; i < Math.min(tokens.size(), first + ACROSS * DOWN); i++) {
                        int slot = i - first;
                        float left = (slot % ACROSS) * width;
                        float top = a4.getHeight() - (slot / ACROSS) * height;
                        BitMatrix qr = writer.encode(TokenCode.qrPayload(tokens.get(i)), BarcodeFormat.QR_CODE, 0, 0,
                                hints);
                        card(content, regular, bold, texts, conference, TokenCode.printed(tokens.get(i)), qr, left,
                                top, width);
                    }
                }
            }
            var out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (WriterException e) {
            throw new IllegalStateException("a card's code always fits a QR code", e);
        }
    }

    private record Texts(String heading, String once, String activate, String how, String codeLabel) {
    }

    private static String text(String key) {
        return Translations.translate(key, Languages.VIETNAMESE);
    }

    private static void cutLines(PDPageContentStream content, PDRectangle a4, float width, float height)
            throws IOException {
        content.saveGraphicsState();
        content.setStrokingColor(0.6f);
        content.setLineWidth(0.5f);
        content.setLineDashPattern(new float[] {4, 3}, 0);
        for (int c = 1; c < ACROSS; c++) {
            content.moveTo(c * width, 0);
            content.lineTo(c * width, a4.getHeight());
        }
        for (int r = 1; r < DOWN; r++) {
            content.moveTo(0, r * height);
            content.lineTo(a4.getWidth(), r * height);
        }
        content.stroke();
        content.restoreGraphicsState();
    }

    private static void card(PDPageContentStream content, PDFont regular, PDFont bold, Texts texts, String conference,
            String code, BitMatrix qr, float left, float top, float width) throws IOException {
        float x = left + PAD;
        float inner = width - 2 * PAD;
        float y = top - PAD - 10;
        line(content, bold, 11, texts.heading(), x, y);
        y -= 13;
        for (String l : wrap(conference, bold, 8.5f, inner, 2)) {
            line(content, bold, 8.5f, l, x, y);
            y -= 10.5f;
        }
        float qrTop = y - 6;
        drawQr(content, qr, x, qrTop - QR, QR);
        float textX = x + QR + 14;
        float textWidth = left + width - PAD - textX;
        float ty = qrTop - 9;
        for (String l : wrap(texts.once(), bold, 9.5f, textWidth, 3)) {
            line(content, bold, 9.5f, l, textX, ty);
            ty -= 12;
        }
        ty -= 4;
        for (String l : wrap(texts.activate(), regular, 8.5f, textWidth, 4)) {
            line(content, regular, 8.5f, l, textX, ty);
            ty -= 10.5f;
        }
        ty -= 4;
        for (String l : wrap(texts.how(), regular, 8, textWidth, 4)) {
            line(content, regular, 8, l, textX, ty);
            ty -= 10;
        }
        float codeY = qrTop - QR - 28;
        line(content, regular, 7.5f, texts.codeLabel(), x, codeY + 12);
        float size = 12;
        while (size > 7 && width(bold, size, code) > inner) {
            size -= 0.5f;
        }
        line(content, bold, size, code, x, codeY - 3);
    }

    /** Dark modules as filled squares, runs along a row merged into one rectangle. */
    private static void drawQr(PDPageContentStream content, BitMatrix qr, float x, float bottom, float size)
            throws IOException {
        int n = qr.getWidth();
        float module = size / n;
        content.setNonStrokingColor(0f);
        for (int row = 0; row < n; row++) {
            int col = 0;
            while (col < n) {
                if (!qr.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < n && qr.get(col, row)) {
                    col++;
                }
                content.addRect(x + start * module, bottom + (n - row - 1) * module, (col - start) * module, module);
            }
        }
        content.fill();
    }

    private static void line(PDPageContentStream content, PDFont font, float size, String text, float x, float y)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }

    private static float width(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** Word-wrapped to the width, at most {@code max} lines (the last cut with "…"). */
    static List<String> wrap(String text, PDFont font, float size, float width, int max) throws IOException {
        List<String> lines = new ArrayList<>();
        String current = "";
        for (String word : text.strip().split("\\s+")) {
            String tried = current.isEmpty() ? word : current + " " + word;
            if (width(font, size, tried) <= width || current.isEmpty()) {
                current = tried;
            } else {
                lines.add(current);
                current = word;
            }
        }
        if (!current.isEmpty()) {
            lines.add(current);
        }
        if (lines.size() > max) {
            List<String> kept = new ArrayList<>(lines.subList(0, max));
            String last = kept.get(max - 1);
            while (!last.isEmpty() && width(font, size, last + "…") > width) {
                last = last.substring(0, last.length() - 1);
            }
            kept.set(max - 1, last.strip() + "…");
            return kept;
        }
        return lines;
    }
}
