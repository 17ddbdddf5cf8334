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
            // Several renderings and both binarizers: one rendering's anti-aliasing can defeat a reading that
            // another makes at once. A slot where no rendering finds a code at all is an empty slot.
            int[] dpis = {150, 200, 300, 120};
            List<BufferedImage> pages = new ArrayList<>();
            for (int dpi : dpis) {
                pages.add(new PDFRenderer(doc).renderImageWithDPI(page, dpi));
            }
            List<String> texts = new ArrayList<>();
            for (int slot = 0; slot < 8; slot++) {
                String text = null;
                Exception unreadable = null;
                boolean found = false;
                for (BufferedImage image : pages) {
                    int w = image.getWidth() / 2;
                    int h = image.getHeight() / 4;
                    var source = new BufferedImageLuminanceSource(image.getSubimage((slot % 2) * w, (slot / 2) * h, w, h));
                    for (var bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                            new BinaryBitmap(new com.google.zxing.common.GlobalHistogramBinarizer(source)))) {
                        try {
                            text = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
                            break;
                        } catch (NotFoundException e) {
                            // Nothing seen in this reading.
                        } catch (com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
                            found = true;
                            unreadable = e;
                        }
                    }
                    if (text != null) {
                        break;
                    }
                }
                if (text != null) {
                    texts.add(text);
                } else if (found) {
                    throw new AssertionError("a QR code on page " + page + ", card " + slot + " does not read", unreadable);
                }
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
