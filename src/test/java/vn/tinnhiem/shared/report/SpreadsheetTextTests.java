package vn.tinnhiem.shared.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** A cell that a spreadsheet would run as a formula is written as text that cannot run. */
class SpreadsheetTextTests {

    private static final List<String> DANGEROUS = List.of("=HYPERLINK(\"http://x.example\",\"Bấm\")", "+84 912 345 678",
            "-2+3", "@SUM(A1:A2)", "\t=1+1", "=cmd|' /C calc'!A0");

    @Test
    void formula_like_text_gets_an_apostrophe_and_plain_text_is_left_alone() {
        assertThat(DANGEROUS).allSatisfy(s -> assertThat(SpreadsheetText.neutralise(s)).isEqualTo("'" + s));
        assertThat(SpreadsheetText.neutralise("Nguyễn Văn A")).isEqualTo("Nguyễn Văn A");
        assertThat(SpreadsheetText.neutralise("Trưởng phòng - Nội vụ")).isEqualTo("Trưởng phòng - Nội vụ");
        assertThat(SpreadsheetText.neutralise("")).isEmpty();
    }

    @Test
    void csv_lines_are_quoted_and_neutralised() {
        assertThat(SpreadsheetText.csvLine(List.of("1", "=1+1", "Cơ quan, đơn vị", "say \"hi\"")))
                .isEqualTo("1,'=1+1,\"Cơ quan, đơn vị\",\"say \"\"hi\"\"\"\r\n");
    }

    @Test
    void xlsx_cells_are_strings_never_formulas_and_start_with_the_prefix() throws Exception {
        var out = new ByteArrayOutputStream();
        try (var xlsx = new XlsxReport("Thử")) {
            var sheet = xlsx.sheet("Danh sách", List.of("STT", "Họ và tên"), List.of(6, 30));
            for (int i = 0; i < DANGEROUS.size(); i++) {
                sheet.row(i + 1, DANGEROUS.get(i));
            }
            sheet.row(99, "Nguyễn Văn A");
            xlsx.writeTo(out);
        }
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Họ và tên");
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).as(cell.getAddress().formatAsString()).isNotEqualTo(CellType.FORMULA);
                }
            }
            for (int i = 0; i < DANGEROUS.size(); i++) {
                Cell cell = sheet.getRow(i + 1).getCell(1);
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).isEqualTo(SpreadsheetText.PREFIX + DANGEROUS.get(i));
                assertThat(sheet.getRow(i + 1).getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            }
            assertThat(sheet.getRow(DANGEROUS.size() + 1).getCell(1).getStringCellValue()).isEqualTo("Nguyễn Văn A");
        }
    }
}
