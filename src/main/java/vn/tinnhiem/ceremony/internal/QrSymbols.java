package vn.tinnhiem.ceremony.internal;

import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDPageContentStream;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Mode;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;

/** QR codes of share cards (ZXing), drawn as vector squares so they print sharp at any size. */
public final class QrSymbols {

    /** The white border every QR code needs around it, in modules (ISO/IEC 18004). */
    public static final int QUIET_ZONE = 4;

    private QrSymbols() {
    }

    /**
     * The QR code of a card text at error correction M. A card text is upper-case base32 behind
     * "TN1S:", so ZXing must choose the alphanumeric mode (about half the size of byte mode): anything
     * else means the text is not a card.
     */
    public static QRCode encode(String text) {
        try {
            QRCode code = Encoder.encode(text, ErrorCorrectionLevel.M);
            if (code.getMode() != Mode.ALPHANUMERIC) {
                throw new IllegalArgumentException("a share card text fits the QR alphanumeric mode");
            }
            return code;
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit a QR code", e);
        }
    }

    /**
     * Draws the dark modules in a square of {@code size} points whose lower left corner is (x, y); the
     * caller keeps {@link #QUIET_ZONE} modules around it blank. A row's adjacent dark modules are one
     * rectangle, so the page stays small and no hairline shows between them.
     */
    public static void draw(PDPageContentStream content, QRCode code, float x, float y, float size)
            throws IOException {
        ByteMatrix m = code.getMatrix();
        float module = size / m.getWidth();
        content.setNonStrokingColor(0f);
        for (int row = 0; row < m.getHeight(); row++) {
            int col = 0;
            while (col < m.getWidth()) {
                if (m.get(col, row) != 1) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < m.getWidth() && m.get(col, row) == 1) {
                    col++;
                }
                // Each run reaches a hair into the row below, so that rows leave no anti-aliased seam between
                // them, which a reader could take for a light line through the code.
                float seam = row + 1 < m.getHeight() ? module * 0.05f : 0f;
                content.addRect(x + start * module, y + size - (row + 1) * module - seam, (col - start) * module,
                        module + seam);
            }
        }
        content.fill();
    }

    /** The width of the code in modules (without the quiet zone). */
    public static int modules(QRCode code) {
        return code.getMatrix().getWidth();
    }
}
