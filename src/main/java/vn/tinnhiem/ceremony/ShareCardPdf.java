package vn.tinnhiem.ceremony;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

import com.google.zxing.qrcode.encoder.QRCode;

import vn.tinnhiem.ceremony.internal.QrSymbols;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.shared.files.Sha256;
import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.i18n.Translations;
import vn.tinnhiem.shared.report.PdfReport;

/**
 * A teller's share card as one A4 page: the conference, the teller and seat, the threshold, the QR code
 * of the card text (60 mm, error correction M), the same text in groups of four to type, the key's
 * fingerprint to read aloud, the manifest hash, and what to do and never do with the card. In
 * Vietnamese only: the paper is for the hall's tellers.
 *
 * <p>The PDF holds a share: it is built in memory (never a temporary file) and the caller hands it to
 * its teller and drops it.
 */
public final class ShareCardPdf {

    /** The QR code's side: 60 mm, well above what a phone camera or a handheld scanner needs. */
    static final float QR_SIZE = mm(60);

    private static final Locale VI = Languages.VIETNAMESE;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final float MARGIN = 42;
    private static final float TOP = 36;

    private ShareCardPdf() {
    }

    public static byte[] render(CardFace face, String cardText) {
        if (!cardText.startsWith(ShareCards.PREFIX)) {
            throw new IllegalArgumentException("not a share card text");
        }
        QRCode qr = QrSymbols.encode(cardText);
        try (PDDocument document = new PDDocument(IOUtils.createMemoryOnlyStreamCache())) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(translate("ceremony.card.title") + " " + face.seat() + "/" + face.n());
            info.setCreator("TinNhiem");
            try (var content = new PDPageContentStream(document, page)) {
                new Layout(document, content, page.getMediaBox()).card(face, cardText, qr);
            }
            var out = new ByteArrayOutputStream(64 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float mm(float millimetres) {
        return millimetres * 72 / 25.4f;
    }

    private static String translate(String key, Object... args) {
        return Translations.translate(key, VI, args);
    }

    /** Top-down drawing on the one page, with a cursor {@code y} (PDF coordinates: y grows upwards). */
    private static final class Layout {
        private final PDPageContentStream content;
        private final PDFont regular;
        private final PDFont bold;
        private final PDFont mono;
        private final float pageWidth;
        private final float width;
        private float y;

        Layout(PDDocument document, PDPageContentStream content, PDRectangle box) throws IOException {
            this.content = content;
            this.regular = PdfReport.dejaVu(document, "DejaVuSans");
            this.bold = PdfReport.dejaVu(document, "DejaVuSans-Bold");
            this.mono = PdfReport.dejaVu(document, "DejaVuSansMono-Bold");
            this.pageWidth = box.getWidth();
            this.width = pageWidth - 2 * MARGIN;
            this.y = box.getHeight() - TOP;
        }

        void card(CardFace f, String cardText, QRCode qr) throws IOException {
            // Heading: what this paper is, and the conference it belongs to.
            centred(translate("ceremony.card.secret"), bold, 9);
            y -= 6;
            centred(translate("ceremony.card.title"), bold, 22);
            y -= 4;
            for (String line : wrap(f.conferenceTitle(), bold, 13, width)) {
                centred(line, bold, 13);
            }
            if (!f.body().isBlank()) {
                for (String line : wrap(f.body(), regular, 10.5f, width)) {
                    centred(line, regular, 10.5f);
                }
            }
            for (String line : wrap(translate("ceremony.card.when", f.place(), f.startsAt().format(WHEN)), regular,
                    10.5f, width)) {
                centred(line, regular, 10.5f);
            }

            // Whose card it is.
            y -= 10;
            float boxTop = y;
            y -= 6;
            left(translate("ceremony.card.holder"), regular, 9, MARGIN + 10);
            for (String line : wrap(f.tellerName(), bold, 16, width - 20)) {
                left(line, bold, 16, MARGIN + 10);
            }
            String seat = translate("ceremony.card.seat", f.seat(), f.n());
            seat += " · " + translate(f.head() ? "ceremony.card.head" : "ceremony.card.member");
            left(seat, bold, 11.5f, MARGIN + 10);
            left(translate("ceremony.card.threshold", f.k(), f.n()), regular, 10.5f, MARGIN + 10);
            y -= 6;
            frame(MARGIN, y, width, boxTop - y, 1.2f);

            // The QR code on the left, the same text to type on the right.
            y -= 14;
            float top = y;
            int modules = QrSymbols.modules(qr);
            float quiet = QR_SIZE / modules * QrSymbols.QUIET_ZONE;
            float qrX = MARGIN + quiet;
            float qrY = top - quiet - QR_SIZE;
            QrSymbols.draw(content, qr, qrX, qrY, QR_SIZE);
            float qrBottom = qrY - quiet;

            float textX = qrX + QR_SIZE + quiet + 6;
            float textWidth = MARGIN + width - textX;
            y = top;
            for (String line : wrap(translate("ceremony.card.code"), bold, 10, textWidth)) {
                left(line, bold, 10, textX);
            }
            y -= 4;
            for (String line : codeLines(cardText, 12, textWidth)) {
                left(line, mono, 12, textX, 1.45f);
            }
            y -= 2;
            for (String line : wrap(translate("ceremony.card.codeHelp"), regular, 8.5f, textWidth)) {
                left(line, regular, 8.5f, textX);
            }
            y -= 8;
            left(translate(f.passphraseProtected() ? "ceremony.card.passphrase.yes" : "ceremony.card.passphrase.no"),
                    bold, 10, textX);
            String passHelp = f.passphraseProtected() ? translate("ceremony.card.passphrase.yesHelp")
                    : translate("ceremony.card.passphrase.noHelp", f.seat());
            for (String line : wrap(passHelp, regular, 9, textWidth)) {
                left(line, regular, 9, textX);
            }
            y = Math.min(y, qrBottom);

            // What the tellers read aloud to each other.
            y -= 10;
            boxTop = y;
            y -= 4;
            left(translate("ceremony.card.fingerprint"), bold, 10, MARGIN + 10);
            left(f.keyFingerprint(), mono, 17, MARGIN + 10, 1.4f);
            for (String line : wrap(translate("ceremony.card.fingerprintHelp"), regular, 8.5f, width - 20)) {
                left(line, regular, 8.5f, MARGIN + 10);
            }
            y -= 3;
            left(translate("ceremony.card.manifest", Sha256.shortForm(f.manifestHashHex())), regular, 9, MARGIN + 10);
            y -= 6;
            frame(MARGIN, y, width, boxTop - y, 0.8f);

            // What to do, and what never to do.
            y -= 14;
            left(translate("ceremony.card.do"), bold, 11, MARGIN);
            bullet(translate("ceremony.card.do.seal"));
            bullet(translate("ceremony.card.do.bring"));
            bullet(translate("ceremony.card.do.lost"));
            if (f.passphraseProtected()) {
                bullet(translate("ceremony.card.do.passphrase"));
            }
            y -= 6;
            left(translate("ceremony.card.never"), bold, 11, MARGIN);
            bullet(translate("ceremony.card.never.copy"));
            bullet(translate("ceremony.card.never.share"));

            y = 40;
            for (String line : wrap(translate("ceremony.card.footer"), regular, 8, width)) {
                centred(line, regular, 8);
            }
        }

        /** The card text in groups of 4, as many groups to a line as fit (the monospace face keeps columns). */
        private List<String> codeLines(String cardText, float size, float maxWidth) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String group : ShareCardText.grouped(cardText).split(" ")) {
                String candidate = line.isEmpty() ? group : line + " " + group;
                if (!line.isEmpty() && mono.getStringWidth(candidate) / 1000 * size > maxWidth) {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(group);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            lines.add(line.toString());
            return lines;
        }

        private void bullet(String text) throws IOException {
            float indent = 14;
            List<String> lines = wrap(text, regular, 10, width - indent);
            for (int i = 0; i < lines.size(); i++) {
                if (i == 0) {
                    y -= 10 * 1.32f;
                    show("•", regular, 10, MARGIN + 3, y);
                    show(lines.get(i), regular, 10, MARGIN + indent, y);
                } else {
                    left(lines.get(i), regular, 10, MARGIN + indent, 1.32f);
                }
            }
            y -= 2;
        }

        private void centred(String text, PDFont font, float size) throws IOException {
            String t = clean(text, font);
            y -= size * 1.3f;
            show(t, font, size, (pageWidth - font.getStringWidth(t) / 1000 * size) / 2, y);
        }

        private void left(String text, PDFont font, float size, float x) throws IOException {
            left(text, font, size, x, 1.3f);
        }

        private void left(String text, PDFont font, float size, float x, float leading) throws IOException {
            y -= size * leading;
            show(clean(text, font), font, size, x, y);
        }

        private void show(String text, PDFont font, float size, float x, float baseline) throws IOException {
            if (text.isEmpty()) {
                return;
            }
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, baseline);
            content.showText(text);
            content.endText();
        }

        private void frame(float x, float bottom, float w, float h, float lineWidth) throws IOException {
            content.setLineWidth(lineWidth);
            content.addRect(x, bottom, w, h);
            content.stroke();
        }

        /** Greedy word wrap; a word longer than the line is cut where it must be. */
        private List<String> wrap(String text, PDFont font, float size, float maxWidth) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : clean(text, font).strip().split(" +")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (font.getStringWidth(candidate) / 1000 * size <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (rest.length() > 1 && font.getStringWidth(rest) / 1000 * size > maxWidth) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && font.getStringWidth(rest.substring(0, cut)) / 1000 * size > maxWidth) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }

        /** NFC, whitespace as single spaces, controls dropped, anything the font cannot show as "?". */
        private static String clean(String text, PDFont font) {
            String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
            StringBuilder out = new StringBuilder(composed.length());
            composed.codePoints().forEach(cp -> {
                if (Character.isWhitespace(cp)) {
                    out.append(' ');
                } else if (!Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT) {
                    out.appendCodePoint(canShow(font, cp) ? cp : '?');
                }
            });
            return out.toString();
        }

        private static boolean canShow(PDFont font, int codePoint) {
            try {
                font.encode(new String(Character.toChars(codePoint)));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }
    }
}
