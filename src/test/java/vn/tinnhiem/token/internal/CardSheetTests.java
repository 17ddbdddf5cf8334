package vn.tinnhiem.token.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import vn.tinnhiem.support.Pdfs;

/**
 * A sheet of 500 cards (a large district conference with its spares): 63 A4 pages, fonts embedded, the
 * last page's cards readable by a scanner, made in a few seconds (the figure is printed for the report).
 */
class CardSheetTests {

    @Test
    void five_hundred_cards_make_63_pages_quickly_and_their_qr_codes_read_back() throws Exception {
        var random = new SecureRandom();
        List<byte[]> tokens = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] t = new byte[TokenCode.TOKEN_BYTES];
            random.nextBytes(t);
            tokens.add(t);
        }
        String title = "Hội nghị lấy phiếu tín nhiệm đối với người giữ chức vụ do Hội đồng nhân dân huyện Mỹ Hòa bầu, "
                + "nhiệm kỳ 2021 - 2026, năm 2026 (một tên rất dài để thử cắt dòng)";
        CardSheet.render(title, tokens.subList(0, 8)); // warm up the font and the QR encoder
        long start = System.nanoTime();
        byte[] pdf = CardSheet.render(title, tokens);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("FIGURE voting cards: 500 cards, " + pdf.length / 1024 + " KiB PDF in " + millis + " ms");
        assertThat(millis).isLessThan(20_000);

        var read = Pdfs.read(pdf);
        assertThat(read.pages()).isEqualTo(63);
        assertThat(read.allFontsEmbedded()).isTrue();
        assertThat(read.text()).contains("…");
        try (var doc = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(62, 150);
            // The last page holds cards 497..500, in the order given.
            for (int slot = 0; slot < 4; slot++) {
                BufferedImage card = page.getSubimage((slot % 2) * page.getWidth() / 2, (slot / 2) * page.getHeight() / 4,
                        page.getWidth() / 2, page.getHeight() / 4);
                String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                        new BufferedImageLuminanceSource(card))), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
                assertThat(text).isEqualTo(TokenCode.qrPayload(tokens.get(496 + slot)));
            }
        }
    }
}
