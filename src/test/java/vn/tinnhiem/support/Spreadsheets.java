package vn.tinnhiem.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds real .xlsx (and .xls) files for import tests, numbers as numeric cells like Excel writes them. */
public final class Spreadsheets {

    private Spreadsheets() {
    }

    public static byte[] xlsx(List<List<Object>> rows) {
        try (var workbook = new XSSFWorkbook()) {
            return write(workbook, rows, 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The old binary .xls, with {@code formattedEmptyRows} rows below the data holding only a shaded blank cell. */
    public static byte[] xls(List<List<Object>> rows, int formattedEmptyRows) {
        try (var workbook = new HSSFWorkbook()) {
            return write(workbook, rows, formattedEmptyRows);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An .xlsx whose sheet goes on below the data with {@code formattedEmptyRows} rows that hold nothing but
     * formatting (a shaded, empty cell), as a sheet whose owner shaded whole columns does. Written straight
     * into the sheet's XML, because building a million rows through POI's object model takes gigabytes.
     */
    public static byte[] xlsxWithFormattedEmptyRows(List<List<Object>> rows, int formattedEmptyRows) {
        byte[] plain;
        try (var workbook = new XSSFWorkbook()) {
            plain = write(workbook, rows, 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (var in = new ZipInputStream(new ByteArrayInputStream(plain)); var bytes = new ByteArrayOutputStream();
                var out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] content = in.readAllBytes();
                if (!entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    out.write(content);
                    continue;
                }
                String xml = new String(content, StandardCharsets.UTF_8);
                int end = xml.indexOf("</sheetData>");
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                writer.write(xml, 0, end);
                for (int r = rows.size() + 1; r <= rows.size() + formattedEmptyRows; r++) {
                    writer.write("<row r=\"" + r + "\" s=\"1\" customFormat=\"1\"><c r=\"B" + r + "\" s=\"1\"/></row>");
                }
                writer.write(xml.substring(end));
                writer.flush();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] write(Workbook workbook, List<List<Object>> rows, int formattedEmptyRows) throws IOException {
        var sheet = workbook.createSheet("Danh sách");
        for (int r = 0; r < rows.size(); r++) {
            var row = sheet.createRow(r);
            for (int c = 0; c < rows.get(r).size(); c++) {
                Object v = rows.get(r).get(c);
                if (v instanceof Number n) {
                    row.createCell(c).setCellValue(n.doubleValue());
                } else {
                    row.createCell(c).setCellValue(String.valueOf(v));
                }
            }
        }
        // Style index 1: what a shaded column leaves in every row.
        var shaded = workbook.createCellStyle();
        shaded.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
        shaded.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        for (int r = rows.size(); r < rows.size() + formattedEmptyRows; r++) {
            sheet.createRow(r).createCell(1).setCellStyle(shaded);
        }
        try (var out = new ByteArrayOutputStream()) {
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
