package vn.tinnhiem.token;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * Reads a sheet of voting cards back as a person and a scanner would: the codes printed on it (text) and
 * the QR codes, each decoded from the rendered page's card, in the order they are laid out.
 */
final class CardsInPdf {

    static final Pattern CODE = Pattern.compile("TN(-[0-9A-Z]{4}){6}-[0-9A-Z]{3}");

    private CardsInPdf() {
    }

    static List<String> printedCodes(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            Matcher m = CODE.matcher(new PDFTextStripper().getText(doc));
            List<String> codes = new ArrayList<>();
            while (m.find()) {
                codes.add(m.group());
            }
            return codes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The QR codes of one page (from 0), card by card: two across, four down. */
    static List<String> qrTexts(byte[] pdf, int page) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(page, 150);
            int w = image.getWidth() / 2;
            int h = image.getHeight() / 4;
            List<String> texts = new ArrayList<>();
            for (int slot = 0; slot < 8; slot++) {
                BufferedImage card = image.getSubimage((slot % 2) * w, (slot / 2) * h, w, h);
                try {
                    Result r = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                            new BufferedImageLuminanceSource(card))), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
                    texts.add(r.getText());
                } catch (NotFoundException e) {
                    // An empty slot at the end of the last page.
                } catch (com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
                    throw new AssertionError("a QR code on page " + page + ", card " + slot + " does not read", e);
                }
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
