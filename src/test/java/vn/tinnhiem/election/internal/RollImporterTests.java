package vn.tinnhiem.election.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RowProblem;
import vn.tinnhiem.support.Spreadsheets;

class RollImporterTests {

    private static byte[] xlsx(List<List<Object>> rows) {
        return Spreadsheets.xlsx(rows);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_csv_with_a_vietnamese_header_is_read_in_order() {
        var parsed = RollImporter.parse("roll.csv", utf8("STT,Họ và tên,Chức vụ,Đơn vị\n"
                + "1,Nguyễn Văn An,Chủ tịch,UBND xã Mỹ Hòa\n"
                + "2,\"Trần Thị Bình, Jr.\",Hiệu trưởng,\"Trường THCS \"\"Mỹ An\"\"\"\n"));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.voters()).containsExactly(new NewVoter("Nguyễn Văn An", "Chủ tịch", "UBND xã Mỹ Hòa"),
                new NewVoter("Trần Thị Bình, Jr.", "Hiệu trưởng", "Trường THCS \"Mỹ An\""));
    }

    @Test
    void a_semicolon_csv_with_bom_and_no_header_is_read_positionally() {
        var parsed = RollImporter.parse("roll.csv", utf8("\uFEFF1;Lê Văn Cường;Giám đốc;Trung tâm A\r\n2;Phạm Dũng;;\r\n"));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.voters()).extracting(NewVoter::fullName).containsExactly("Lê Văn Cường", "Phạm Dũng");
    }

    @Test
    void every_bad_row_is_reported_and_nothing_is_returned() {
        var parsed = RollImporter.parse("roll.csv", utf8("""
                STT,Họ và tên,Chức vụ,Đơn vị
                1,Nguyễn Văn An,Chủ tịch,UBND xã A
                2,,Hiệu trưởng,Trường B
                x,Lê Văn C,Giám đốc,Trung tâm C
                4,nguyen van an,Phó,UBND xã A
                """));
        assertThat(parsed.voters()).isEmpty();
        assertThat(parsed.problems()).extracting(RowProblem::row, RowProblem::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "import.error.noName"),
                org.assertj.core.groups.Tuple.tuple(4, "import.error.ordinal"),
                org.assertj.core.groups.Tuple.tuple(5, "import.error.duplicate"));
    }

    @Test
    void an_xlsx_with_numeric_ordinals_is_read() {
        byte[] file = xlsx(List.of(List.of("STT", "Họ và tên", "Chức vụ", "Đơn vị"),
                List.of(1, "Võ Thị Duyên", "Chánh Văn phòng", "Văn phòng HĐND và UBND"),
                List.of(2, "Đặng Thanh Tùng", "Trưởng phòng", "Phòng Giáo dục")));
        var parsed = RollImporter.parse("DanhSach.XLSX", file);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.voters()).extracting(NewVoter::fullName).containsExactly("Võ Thị Duyên", "Đặng Thanh Tùng");
    }

    @Test
    void an_xlsx_with_one_bad_row_names_that_row() {
        byte[] file = xlsx(List.of(List.of("STT", "Họ và tên", "Chức vụ", "Đơn vị"),
                List.of(1, "Võ Thị Duyên", "Chánh Văn phòng", "Văn phòng"),
                List.of(2, "", "Trưởng phòng", "Phòng Giáo dục"),
                List.of(3, "Mai Quốc Việt", "Trưởng phòng", "Phòng Tư pháp")));
        var parsed = RollImporter.parse("roll.xlsx", file);
        assertThat(parsed.voters()).isEmpty();
        assertThat(parsed.problems()).containsExactly(RowProblem.of(3, "import.error.noName"));
    }

    @Test
    void a_damaged_or_foreign_file_is_refused_with_a_message_not_an_exception() {
        assertThat(RollImporter.parse("roll.xlsx", utf8("this is not a spreadsheet")).problems())
                .containsExactly(RowProblem.of(0, "import.error.unreadable"));
        assertThat(RollImporter.parse("roll.pdf", utf8("%PDF")).problems())
                .containsExactly(RowProblem.of(0, "import.error.type"));
        assertThat(RollImporter.parse("roll.csv", new byte[] {(byte) 0xC3, (byte) 0x28}).problems())
                .containsExactly(RowProblem.of(0, "import.error.encoding"));
        assertThat(RollImporter.parse("roll.csv", new byte[0]).problems())
                .containsExactly(RowProblem.of(0, "import.error.empty"));
        assertThat(RollImporter.parse("roll.csv", utf8("Họ và tên\n\n")).problems())
                .containsExactly(RowProblem.of(0, "import.error.empty"));
    }

    @Test
    void a_header_without_a_name_column_is_refused() {
        assertThat(RollImporter.parse("roll.csv", utf8("STT,Chức vụ\n1,Chủ tịch\n")).problems())
                .containsExactly(RowProblem.of(1, "import.error.noNameColumn"));
    }

    @Test
    void names_are_trimmed_and_composed_so_duplicates_are_found_however_typed() {
        String decomposed = "Nguye\u0302\u0303n Va\u0306n An";
        var parsed = RollImporter.parse("roll.csv", utf8("Họ và tên,Đơn vị\n  Nguyễn   Văn An ,X\n" + decomposed + ",X\n"));
        assertThat(parsed.problems()).containsExactly(RowProblem.of(3, "import.error.duplicate", 2));
    }

    @Test
    void a_formula_cell_is_read_as_the_value_excel_shows() throws Exception {
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var sheet = workbook.createSheet();
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("STT");
            header.createCell(1).setCellValue("Họ và tên");
            for (int r = 1; r <= 2; r++) {
                var row = sheet.createRow(r);
                row.createCell(0).setCellFormula(r == 1 ? "1" : "A2+1");
                row.createCell(1).setCellValue(r == 1 ? "Nguyễn Văn An" : "Trần Thị Bình");
            }
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
            var parsed = RollImporter.parse("roll.xlsx", out.toByteArray());
            assertThat(parsed.problems()).isEmpty();
            assertThat(parsed.voters()).extracting(NewVoter::fullName).containsExactly("Nguyễn Văn An", "Trần Thị Bình");
        }
    }

    @Test
    void a_row_reaching_far_to_the_right_is_refused_without_reading_every_column() throws Exception {
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("Họ và tên");
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue("Nguyễn Văn An");
            row.createCell(16383).setCellValue("x");
            workbook.write(out);
            assertThat(RollImporter.parse("roll.xlsx", out.toByteArray()).problems())
                    .containsExactly(RowProblem.of(2, "import.error.extraColumn", RollImporter.MAX_COLUMNS + 1));
        }
    }

    @Test
    void blank_lines_keep_the_row_numbers_of_the_file_and_a_flood_of_them_is_cut_short() {
        var parsed = RollImporter.parse("roll.csv", utf8("Họ và tên\n\n\nNguyễn A\n\n,\n"));
        assertThat(parsed.problems()).isEmpty();
        var numbered = RollImporter.parse("roll.csv", utf8("Họ và tên,STT\n\n\nNguyễn A,x\n"));
        assertThat(numbered.problems()).containsExactly(RowProblem.of(4, "import.error.ordinal", "x"));
        String flood = "Họ và tên\n" + "\r".repeat(RollImporter.MAX_ROWS * 50);
        assertThat(RollImporter.parse("roll.csv", utf8(flood)).problems())
                .extracting(RowProblem::key).containsExactly("import.error.tooManyRows");
    }

    @Test
    void invisible_formatting_characters_are_refused() {
        var parsed = RollImporter.parse("roll.csv", utf8("Họ và tên,Chức vụ\nNguyễn \u202Ebủ,Chủ tịch\nLê B,Phó\u200B\n"));
        assertThat(parsed.problems()).containsExactly(RowProblem.of(2, "import.error.control"),
                RowProblem.of(3, "import.error.control"));
    }
}
