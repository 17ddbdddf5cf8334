package vn.tinnhiem.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Mode;
import com.google.zxing.qrcode.encoder.Encoder;

import vn.tinnhiem.crypto.Ceremony;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.shared.files.Sha256;
import vn.tinnhiem.support.Pdfs;

/**
 * A share card is printed, put in an envelope and brought back to be scanned or typed: its PDF must
 * carry a QR code that a scanner reads back into a share that verifies, and text a teller can read.
 */
class ShareCardPdfTests {

    /**
     * What a scanner sees: the page rendered and decoded by ZXing, with where it found the code. Like a person
     * moving the card before a camera, it tries a few resolutions: Java's ZXing now and then fails the checksum
     * of one rendering of a card that another rendering of the same card reads (about 1 card in 150 at 150 dpi,
     * none of 300 at 200 dpi; CI once met one at 200 dpi). The QR code itself must still be read: no fallback
     * to the printed text here.
     */
    record Scan(String text, double sideMillimetres, BufferedImage image) {
    }

    static Scan scan(byte[] pdf) throws Exception {
        ReaderException last = null;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (int dpi : new int[] {200, 300, 250, 150}) {
                BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, dpi);
                var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
                Result result;
                try {
                    result = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
                } catch (ReaderException e) {
                    last = e;
                    continue;
                }
                // Finder pattern centres: bottom-left, top-left, top-right; they are (modules - 7) modules apart.
                ResultPoint[] p = result.getResultPoints();
                int modules = Encoder.encode(result.getText(), ErrorCorrectionLevel.M).getVersion()
                        .getDimensionForVersion();
                double pixelsPerModule = ResultPoint.distance(p[1], p[2]) / (modules - 7);
                return new Scan(result.getText(), pixelsPerModule * modules / dpi * 25.4, image);
            }
        }
        throw last;
    }

    @Test
    void a_plain_card_prints_the_teller_and_a_qr_code_that_scans_back_into_a_share_that_verifies() throws Exception {
        CeremonyRequest request = Requests.of(2, 3);
        var rng = new SecureRandom();
        try (Ceremony.Dealing d = Ceremony.deal(2, 3, rng)) {
            Manifest m = request.manifest(d.electionKey(), d.commitments());
            List<String> cards = d.cards(m.hash(), List.of(), rng);
            CeremonyRequest.Seat seat = request.tellers().get(1);
            CardFace face = request.face(seat, m, false);
            byte[] pdf = ShareCardPdf.render(face, cards.get(1));

            Pdfs.Read read = Pdfs.read(pdf);
            assertThat(read.pages()).isEqualTo(1);
            assertThat(read.allFontsEmbedded()).isTrue();
            assertThat(read.text()).contains("THẺ KHÓA KIỂM PHIẾU", "Nguyễn Thị Hồng Nhung", "Ghế số 2/3",
                    "Cần 2 trong 3 thẻ để mở niêm phong", "Hội nghị lấy phiếu tín nhiệm giữa nhiệm kỳ 2026",
                    "01/12/2026 08:00", "Hội trường tầng 2", "Thẻ không có mật khẩu", "TUYỆT ĐỐI KHÔNG",
                    KeyFingerprint.of(m.electionKey()), Sha256.shortForm(m.hashHex()));
            assertThat(read.text()).doesNotContain("Trưởng ban Kiểm phiếu ·", "Thẻ có mật khẩu");
            // The code printed to be typed is the card itself, in groups of four.
            assertThat(read.text().replaceAll("\\s", "")).contains(cards.get(1));
            assertThat(read.text()).contains(ShareCardText.grouped(cards.get(1)).substring(0, 24));

            Scan scan = scan(pdf);
            assertThat(scan.text()).isEqualTo(cards.get(1));
            assertThat(scan.sideMillimetres()).isGreaterThanOrEqualTo(45);
            var result = ShareCards.read(scan.text(), m, null);
            assertThat(result).isInstanceOf(ShareCards.Accepted.class);
            assertThat(((ShareCards.Accepted) result).share().index()).isEqualTo(2);

            Files.createDirectories(Path.of("target"));
            ImageIO.write(scan.image(), "png", Path.of("target/share-card-seat-2.png").toFile());
            Files.writeString(Path.of("target/share-card-seat-2.txt"), read.text(), StandardCharsets.UTF_8);
            System.out.printf("share card: %d bytes, QR side %.1f mm%n", pdf.length, scan.sideMillimetres());
        }
    }

    @Test
    void a_passphrase_card_says_so_and_reads_back_only_with_its_passphrase() throws Exception {
        CeremonyRequest request = Requests.of(2, 3);
        var rng = new SecureRandom();
        char[] pass = "Hoa sen nở giữa hồ 2026".toCharArray();
        try (Ceremony.Dealing d = Ceremony.deal(2, 3, rng)) {
            Manifest m = request.manifest(d.electionKey(), d.commitments());
            List<String> cards = d.cards(m.hash(), Arrays.asList(pass.clone(), null, null), rng);
            CardFace face = request.face(request.tellers().get(0), m, true);
            byte[] pdf = ShareCardPdf.render(face, cards.get(0));

            Pdfs.Read read = Pdfs.read(pdf);
            assertThat(read.pages()).isEqualTo(1);
            assertThat(read.text()).contains("Trần Văn Khải", "Ghế số 1/3 · Trưởng ban Kiểm phiếu", "Thẻ có mật khẩu",
                    "Mật khẩu không được ghi ở bất cứ đâu", KeyFingerprint.of(m.electionKey()));
            assertThat(read.text().replaceAll("\\s", "")).contains(cards.get(0));

            Scan scan = scan(pdf);
            assertThat(scan.text()).isEqualTo(cards.get(0));
            assertThat(scan.sideMillimetres()).isGreaterThanOrEqualTo(45);
            assertThat(ShareCards.read(scan.text(), m, null))
                    .isEqualTo(new ShareCards.Rejected(ShareCards.Reason.PASSPHRASE_REQUIRED));
            assertThat(ShareCards.read(scan.text(), m, "Hoa sen nở giữa hồ 2025".toCharArray()))
                    .isEqualTo(new ShareCards.Rejected(ShareCards.Reason.WRONG_PASSPHRASE));
            assertThat(ShareCards.read(scan.text(), m, pass)).isInstanceOf(ShareCards.Accepted.class);
            ImageIO.write(scan.image(), "png", Path.of("target/share-card-seat-1-passphrase.png").toFile());
        }
    }

    @Test
    void card_texts_go_into_the_qr_alphanumeric_mode_and_typed_codes_come_back_whole() throws IOException {
        var rng = new SecureRandom();
        try (Ceremony.Dealing d = Ceremony.deal(2, 3, rng)) {
            Manifest m = Requests.of(2, 3).manifest(d.electionKey(), d.commitments());
            char[] pass = "mười hai ký tự".toCharArray();
            for (String card : List.of(d.cards(m.hash(), List.of(), rng).get(0),
                    d.cards(m.hash(), Arrays.asList(pass, null, null), rng).get(0))) {
                assertThat(vn.tinnhiem.ceremony.internal.QrSymbols.encode(card).getMode()).isEqualTo(Mode.ALPHANUMERIC);
                String typed = ShareCardText.grouped(card).toLowerCase().replace(" ", "  ") + "\n";
                assertThat(ShareCardText.fromTyped(typed)).isEqualTo(card);
                assertThat(ShareCardText.fromTyped(typed.substring(ShareCards.PREFIX.length()))).isEqualTo(card);
                // Digits base32 lacks are read as the letters people mistake them for.
                assertThat(ShareCardText.fromTyped(typed.replace('o', '0').replace('i', '1').replace('b', '8')))
                        .isEqualTo(card);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_name_outside_the_font_prints_as_a_question_mark_and_long_titles_stay_on_one_page() throws Exception {
        var rng = new SecureRandom();
        try (Ceremony.Dealing d = Ceremony.deal(1, 1, rng)) {
            CeremonyRequest r = Requests.of(1, 1);
            Manifest m = r.manifest(d.electionKey(), d.commitments());
            var face = new CardFace("Hội nghị ".repeat(30), "Đảng ủy ".repeat(20), "Hội trường", r.startsAt(), 1,
                    "Ngô 𝔅 Thị\tLan", false, 1, 1, m.hashHex(), KeyFingerprint.of(m.electionKey()), false);
            byte[] pdf = ShareCardPdf.render(face, d.cards(m.hash(), List.of(), rng).get(0));
            Pdfs.Read read = Pdfs.read(pdf);
            assertThat(read.pages()).isEqualTo(1);
            assertThat(read.text()).contains("Ngô ? Thị Lan");
            assertThat(ShareCards.read(scan(pdf).text(), m, null)).isInstanceOf(ShareCards.Accepted.class);
        }
    }
}
