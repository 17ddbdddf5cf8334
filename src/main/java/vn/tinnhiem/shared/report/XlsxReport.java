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
    }

    /** A new sheet with its header row; widths in characters, one per header. */
    public SheetWriter sheet(String name, List<String> headers, List<Integer> widths) {
        Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(name));
        var writer = new SheetWriter(sheet);
        Row row = sheet.createRow(writer.next++);
        for (int c = 0; c < headers.size(); c++) {
            var cell = row.createCell(c);
            cell.setCellValue(SpreadsheetText.neutralise(headers.get(c)));
            cell.setCellStyle(headerStyle);
            if (c < widths.size()) {
                sheet.setColumnWidth(c, Math.min(255, widths.get(c)) * 256);
            }
        }
        sheet.createFreezePane(0, 1);
        if (!headers.isEmpty()) {
            sheet.setAutoFilter(new CellRangeAddress(0, 0, 0, headers.size() - 1));
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

        /** A row of values: numbers become numeric cells, anything else a neutralised string cell. */
        public SheetWriter row(Object... values) {
            return row(List.of(values));
        }

        public SheetWriter row(List<?> values) {
            Row row = sheet.createRow(next++);
            for (int c = 0; c < values.size(); c++) {
                Object v = values.get(c);
                var cell = row.createCell(c);
                if (v instanceof Integer || v instanceof Long) {
                    cell.setCellValue(((Number) v).doubleValue());
                } else {
                    cell.setCellValue(SpreadsheetText.neutralise(String.valueOf(v)));
                    cell.setCellStyle(textStyle);
                }
            }
            return this;
        }
    }
}
