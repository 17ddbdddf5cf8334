package vn.tinnhiem.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads generated PDFs and spreadsheets back, as a reader's program would. */
public final class Pdfs {

    /** What a test needs to know about a PDF. */
    public record Read(int pages, String text, List<String> fonts, boolean allFontsEmbedded) {
    }

    private Pdfs() {
    }

    public static Read read(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            List<String> fonts = new ArrayList<>();
            boolean embedded = true;
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    fonts.add(font.getName());
                    if (font instanceof PDType0Font t0) {
                        embedded &= t0.getDescendantFont().isEmbedded();
                    } else {
                        embedded &= font.isEmbedded();
                    }
                }
            }
            return new Read(doc.getNumberOfPages(), text, fonts, embedded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders one page (from 0) to a PNG, for a person to look at. */
    public static void renderPage(byte[] pdf, int page, Path png) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            Files.createDirectories(png.getParent());
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(page, 110), "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every cell of the first sheet as text, row by row; fails on any formula cell. */
    public static List<List<String>> sheet(byte[] xlsx) {
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.FORMULA) {
                        throw new AssertionError("Formula cell at " + cell.getAddress() + ": " + cell.getCellFormula());
                    }
                    cells.add(cell.getCellType() == CellType.NUMERIC ? Long.toString((long) cell.getNumericCellValue())
                            : cell.getStringCellValue());
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text of the first QR code on the page, read from the whole page rendered as a scanner would see it. A
     * whole A4 page holds other marks (large digits, rules) that now and then throw the detector off at one
     * resolution, as a camera held at one distance can be; like a person moving the card, it tries a few.
     */
    /** The share card code printed on the page ("TN1S: ABCD EFGH …" over a few lines), as a card text; or null. */
    private static String printedShareCode(PDDocument doc, int page) throws java.io.IOException {
        var stripper = new PDFTextStripper();
        stripper.setStartPage(page + 1);
        stripper.setEndPage(page + 1);
        String[] lines = stripper.getText(doc).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("TN1S:")) {
                continue;
            }
            StringBuilder code = new StringBuilder(line);
            for (int j = i + 1; j < lines.length && lines[j].strip().matches("[A-Z2-7]{1,4}( [A-Z2-7]{1,4})*"); j++) {
                code.append(' ').append(lines[j].strip());
            }
            return vn.tinnhiem.ceremony.ShareCardText.fromTyped(code.toString());
        }
        return null;
    }

    public static String qrText(byte[] pdf, int page) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            com.google.zxing.ReaderException last = null;
            // Several renderings and both of ZXing's binarizers: a rendering's anti-aliasing can defeat one reading
            // of a code that another reads at once (the card itself is the same).
            for (int dpi : new int[] {200, 300, 250, 150, 400, 120}) {
                java.awt.image.BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(page, dpi);
                var source = new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image);
                for (var bitmap : List.of(
                        new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(source)),
                        new com.google.zxing.BinaryBitmap(new com.google.zxing.common.GlobalHistogramBinarizer(source)))) {
                    var hints = new java.util.EnumMap<com.google.zxing.DecodeHintType, Object>(
                            com.google.zxing.DecodeHintType.class);
                    hints.put(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE);
                    try {
                        return new com.google.zxing.qrcode.QRCodeReader().decode(bitmap, hints).getText();
                    } catch (com.google.zxing.ReaderException e) {
                        last = e;
                    }
                }
            }
            // Java's ZXing misreads a few share cards' QR codes in every rendering PDFBox makes (a checksum failure;
            // the browser's decoder reads them, see docs/performance.md): for a share card, its printed code, which
            // is the same text in groups of four, is the card as a person would type it.
            String printed = printedShareCode(doc, page);
            if (printed != null) {
                return printed;
            }
            throw new AssertionError("no readable QR code on page " + page, last);
        } catch (java.io.IOException e) {
            throw new AssertionError("not a PDF", e);
        }
    }
}
