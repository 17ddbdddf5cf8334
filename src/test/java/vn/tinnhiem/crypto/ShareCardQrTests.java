package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;

/**
 * A share card goes on paper as a QR code and comes back through a scanner: both card forms must fit
 * a small code at medium error correction and survive the round trip unchanged.
 */
class ShareCardQrTests {

    private static String throughQr(String text) throws Exception {
        var hints = Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4);
        var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 400, 400, hints);
        var image = MatrixToImageWriter.toBufferedImage(matrix);
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    private static int qrVersion(String text) throws Exception {
        return Encoder.encode(text, ErrorCorrectionLevel.M).getVersion().getVersionNumber();
    }

    @Test
    void plain_and_passphrase_cards_fit_a_small_qr_code_and_read_back_as_the_same_share() throws Exception {
        var e = Fixtures.election("qr", 3, BallotKind.THREE_LEVEL, 2, 3, new SeededRandom("qr"));
        try {
            char[] pass = "Ban kiểm phiếu 2026".toCharArray();
            List<String> plain = e.dealing().cards(e.manifest().hash(), List.of(), new SeededRandom("qr-plain"));
            List<String> wrapped = e.dealing().cards(e.manifest().hash(), Arrays.asList(pass.clone(), null, null),
                    new SeededRandom("qr-wrapped"));
            for (String card : List.of(plain.get(0), plain.get(2), wrapped.get(0))) {
                assertTrue(qrVersion(card) <= 7, "QR version " + qrVersion(card) + " for " + card.length() + " chars");
                String scanned = throughQr(card);
                assertEquals(card, scanned);
                var result = ShareCards.read(scanned, e.manifest(), ShareCards.needsPassphrase(scanned) ? pass.clone() : null);
                assertInstanceOf(ShareCards.Accepted.class, result);
            }
        } finally {
            e.dealing().destroy();
        }
    }
}
