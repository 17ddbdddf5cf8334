package vn.tinnhiem.shared.report;

import java.io.IOException;
import java.io.InputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The DejaVu faces shipped under /fonts, embedded as subsets: DejaVu has every Vietnamese letter with its
 * diacritics, so a document prints the same on any machine, whatever fonts it has.
 */
final class PdfFonts {

    static final String REGULAR = "DejaVuSans";
    static final String BOLD = "DejaVuSans-Bold";

    private PdfFonts() {
    }

    /** Loads a face ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSansMono-Bold") into a document, subset on save. */
    static PDFont load(PDDocument document, String face) throws IOException {
        String resource = "/fonts/" + face + ".ttf";
        try (InputStream in = PdfFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Missing font " + resource);
            }
            return PDType0Font.load(document, in, true);
        }
    }
}
