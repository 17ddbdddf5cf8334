package vn.tinnhiem.shared.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * An .xlsx workbook written as it goes (Apache POI's streaming SXSSF: only a window of rows is held in
 * memory, the rest is flushed to a temporary file), so a long audit log exports in constant memory.
 * Every text cell is a plain string cell, never a formula, and is neutralised by {@link SpreadsheetText}.
 * Each sheet starts with its header row (bold, frozen, filterable) so the file reads back as a table.
 *
 * <pre>
 * try (var xlsx = new XlsxReport("Danh sách người ghi phiếu")) {
 *     var sheet = xlsx.sheet("Danh sách", List.of("STT", "Họ và tên"), List.of(6, 30));
 *     sheet.row(1, "Nguyễn Văn A");
 *     xlsx.writeTo(out);
 * }
 * </pre>
 */
public final class XlsxReport implements AutoCloseable {

    private static final int ROWS_IN_MEMORY = 200;

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
    private final CellStyle headerStyle;
    private final CellStyle textStyle;
    private final CellStyle headingStyle;
    private final CellStyle decimalStyle;

    /** The title goes into the file's properties, where Excel shows it under Info. */
    public XlsxReport(String title) {
        workbook.setCompressTempFiles(true);
        workbook.getXSSFWorkbook().getProperties().getCoreProperties().setTitle(title);
        workbook.getXSSFWorkbook().getProperties().getCoreProperties().setCreator("TinNhiem");
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle = workbook.createCellStyle();
        headerStyle.setFont(bold);
        headerStyle.setWrapText(true);
        headerStyle.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        headerStyle.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        textStyle = workbook.createCellStyle();
        textStyle.setWrapText(true);
        headingStyle = workbook.createCellStyle();
        headingStyle.setFont(bold);
        decimalStyle = workbook.createCellStyle();
        decimalStyle.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
    }

    /** A new sheet with its header row; widths in characters, one per header. */
    public SheetWriter sheet(String name, List<String> headers, List<Integer> widths) {
        return sheet(name, List.of(), headers, widths);
    }

    /**
     * A new sheet whose first rows are a heading (one line of text each, bold, as a document's title block
     * reads), then a blank row, then the table's header row.
     */
    public SheetWriter sheet(String name, List<String> heading, List<String> headers, List<Integer> widths) {
        Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(name));
        var writer = new SheetWriter(sheet);
        for (String line : heading) {
            var cell = sheet.createRow(writer.next++).createCell(0);
            cell.setCellValue(SpreadsheetText.neutralise(line));
            cell.setCellStyle(headingStyle);
        }
        if (!heading.isEmpty()) {
            writer.next++;
        }
        int headerRow = writer.next;
        Row row = sheet.createRow(writer.next++);
        for (int c = 0; c < headers.size(); c++) {
            var cell = row.createCell(c);
            cell.setCellValue(SpreadsheetText.neutralise(headers.get(c)));
            cell.setCellStyle(headerStyle);
            if (c < widths.size()) {
                sheet.setColumnWidth(c, Math.min(255, widths.get(c)) * 256);
            }
        }
        sheet.createFreezePane(0, headerRow + 1);
        if (!headers.isEmpty()) {
            sheet.setAutoFilter(new CellRangeAddress(headerRow, headerRow, 0, headers.size() - 1));
        }
        return writer;
    }

    /** Writes the workbook; call once, after the last row. */
    public void writeTo(OutputStream out) {
        try {
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
        }
    }

    /** Appends rows to one sheet. */
    public final class SheetWriter {

        private final Sheet sheet;
        private int next;

        private SheetWriter(Sheet sheet) {
            this.sheet = sheet;
        }

        /**
         * A row of values: whole numbers become numeric cells, decimals (BigDecimal, Double) numeric cells shown
         * with two decimals, null an empty cell, anything else a neutralised string cell.
         */
        public SheetWriter row(Object... values) {
            return row(java.util.Arrays.asList(values));
        }

        /** A blank row, to set a block apart. */
        public SheetWriter blank() {
            sheet.createRow(next++);
            return this;
        }

        public SheetWriter row(List<?> values) {
            Row row = sheet.createRow(next++);
            for (int c = 0; c < values.size(); c++) {
                Object v = values.get(c);
                var cell = row.createCell(c);
                if (v == null) {
                    continue;
                } else if (v instanceof Integer || v instanceof Long) {
                    cell.setCellValue(((Number) v).doubleValue());
                } else if (v instanceof java.math.BigDecimal || v instanceof Double) {
                    cell.setCellValue(((Number) v).doubleValue());
                    cell.setCellStyle(decimalStyle);
                } else {
                    cell.setCellValue(SpreadsheetText.neutralise(String.valueOf(v)));
                    cell.setCellStyle(textStyle);
                }
            }
            return this;
        }
    }
}
