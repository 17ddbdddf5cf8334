package vn.tinnhiem.election.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.openxml4j.util.ZipInputStreamZipEntrySource;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.IOUtils;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

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
        assertThat(RollImporter.parse("roll.csv", utf8(flood + "Nguyễn A\n")).problems())
                .extracting(RowProblem::key).containsExactly("import.error.tooManyRows");
    }

    @Test
    void invisible_formatting_characters_are_refused() {
        var parsed = RollImporter.parse("roll.csv", utf8("Họ và tên,Chức vụ\nNguyễn \u202Ebủ,Chủ tịch\nLê B,Phó\u200B\n"));
        assertThat(parsed.problems()).containsExactly(RowProblem.of(2, "import.error.control"),
                RowProblem.of(3, "import.error.control"));
    }

    // The STT column.

    @Test
    void the_files_own_numbering_is_kept_even_when_the_rows_are_not_in_that_order() {
        byte[] file = xlsx(List.of(List.of("STT", "Họ và tên", "Chức vụ", "Đơn vị"),
                List.of(2, "Đặng Thanh Tùng", "Trưởng phòng", "Phòng Giáo dục"),
                List.of(3, "Mai Quốc Việt", "Trưởng phòng", "Phòng Tư pháp"),
                List.of(1, "Võ Thị Duyên", "Chánh Văn phòng", "Văn phòng")));
        var parsed = RollImporter.parse("roll.xlsx", file);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.renumbered()).isFalse();
        assertThat(parsed.voters()).extracting(NewVoter::fullName)
                .containsExactly("Võ Thị Duyên", "Đặng Thanh Tùng", "Mai Quốc Việt");
    }

    @Test
    void a_numbering_that_is_not_one_to_n_is_replaced_by_the_file_order_and_the_result_says_so() {
        for (String numbers : List.of("1,1,3", "1,3,4", "1,,3", "5,6,7")) {
            String[] n = numbers.split(",", -1);
            var parsed = RollImporter.parse("roll.csv", utf8("STT;Họ và tên\n" + n[0] + ";Lê A\n" + n[1] + ";Trần B\n"
                    + n[2] + ";Phạm C\n"));
            assertThat(parsed.problems()).as(numbers).isEmpty();
            assertThat(parsed.renumbered()).as(numbers).isTrue();
            assertThat(parsed.voters()).as(numbers).extracting(NewVoter::fullName)
                    .containsExactly("Lê A", "Trần B", "Phạm C");
        }
    }

    @Test
    void a_file_without_numbers_is_numbered_in_its_order_without_a_notice() {
        var parsed = RollImporter.parse("roll.csv", utf8("Họ và tên\nTrần B\nLê A\n"));
        assertThat(parsed.renumbered()).isFalse();
        assertThat(parsed.voters()).extracting(NewVoter::fullName).containsExactly("Trần B", "Lê A");
    }

    // Formatted empty rows, streaming, and POI's JVM-wide settings.

    private static List<List<Object>> roll(int voters) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("STT", "Họ và tên", "Chức vụ", "Đơn vị"));
        for (int i = 1; i <= voters; i++) {
            rows.add(List.of(i, "Người thứ " + i, "Chuyên viên", "Phòng " + (i % 7)));
        }
        return rows;
    }

    @Test
    void formatted_empty_rows_below_the_roll_do_not_count_as_rows() {
        // Half a million shaded rows (as many as a 5 MB upload holds), as when the owner shaded whole columns.
        byte[] xlsx = Spreadsheets.xlsxWithFormattedEmptyRows(roll(30), 500_000);
        assertThat(xlsx.length).isLessThan(RollImporter.MAX_BYTES);
        long start = System.nanoTime();
        var parsed = RollImporter.parse("roll.xlsx", xlsx);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.voters()).hasSize(30);
        System.out.printf("xlsx of %d bytes with 500,000 formatted empty rows read in %d ms%n", xlsx.length, millis);

        var xls = RollImporter.parse("roll.xls", Spreadsheets.xls(roll(30), 2 * RollImporter.MAX_ROWS));
        assertThat(xls.problems()).isEmpty();
        assertThat(xls.voters()).hasSize(30);

        // The same sheet saved as CSV by Excel: a line of separators for each formatted row.
        var csv = new StringBuilder("STT;Họ và tên\n1;Lê A\n2;Trần B\n");
        csv.append(";;;\r\n".repeat(50 * RollImporter.MAX_ROWS));
        var fromCsv = RollImporter.parse("roll.csv", utf8(csv.toString()));
        assertThat(fromCsv.problems()).isEmpty();
        assertThat(fromCsv.voters()).extracting(NewVoter::fullName).containsExactly("Lê A", "Trần B");
    }

    @Test
    void a_roll_longer_than_the_limit_is_still_refused_and_reading_stops_early() {
        var parsed = RollImporter.parse("roll.xlsx", xlsx(roll(RollImporter.MAX_ROWS + 20)));
        assertThat(parsed.problems()).extracting(RowProblem::key).containsExactly("import.error.tooManyRows");
        var xls = RollImporter.parse("roll.xls", Spreadsheets.xls(roll(RollImporter.MAX_ROWS + 20), 0));
        assertThat(xls.problems()).extracting(RowProblem::key).containsExactly("import.error.tooManyRows");
    }

    @Test
    void an_import_changes_none_of_pois_jvm_wide_settings() {
        long entrySize = ZipSecureFile.getMaxEntrySize();
        double ratio = ZipSecureFile.getMinInflateRatio();
        long fileCount = ZipSecureFile.getMaxFileCount();
        long textSize = ZipSecureFile.getMaxTextSize();
        int threshold = ZipInputStreamZipEntrySource.getThresholdBytesForTempFiles();
        int byteArrayMax = IOUtils.getByteArrayMaxOverride();
        try {
            // Settings another part of the application might have chosen.
            ZipSecureFile.setMaxEntrySize(123_456_789L);
            ZipSecureFile.setMinInflateRatio(0.001);
            var parsed = RollImporter.parse("roll.xlsx", xlsx(roll(3)));
            assertThat(parsed.voters()).hasSize(3);
            RollImporter.parse("roll.xls", Spreadsheets.xls(roll(3), 0));
            assertThat(ZipSecureFile.getMaxEntrySize()).isEqualTo(123_456_789L);
            assertThat(ZipSecureFile.getMinInflateRatio()).isEqualTo(0.001);
            assertThat(ZipSecureFile.getMaxFileCount()).isEqualTo(fileCount);
            assertThat(ZipSecureFile.getMaxTextSize()).isEqualTo(textSize);
            assertThat(ZipInputStreamZipEntrySource.getThresholdBytesForTempFiles()).isEqualTo(threshold);
            assertThat(IOUtils.getByteArrayMaxOverride()).isEqualTo(byteArrayMax);
        } finally {
            ZipSecureFile.setMaxEntrySize(entrySize);
            ZipSecureFile.setMinInflateRatio(ratio);
        }
    }

    @Test
    void an_xlsx_is_streamed_never_built_as_a_workbook_in_memory() {
        noClasses().that().resideInAPackage("vn.tinnhiem.election..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.poi.xssf.usermodel.XSSFWorkbook")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.poi.ss.usermodel.WorkbookFactory")
                .because("a DOM of a sheet costs memory in proportion to every row it declares")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("vn.tinnhiem.election"));
    }

    @Test
    void a_part_that_inflates_beyond_its_limit_is_refused_as_unreadable() throws Exception {
        // Shared strings are held in memory while the sheet streams: 20 MB of them compress to a few kB.
        byte[] plain = xlsx(roll(2));
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(plain));
                var bytes = new java.io.ByteArrayOutputStream(); var out = new java.util.zip.ZipOutputStream(bytes)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("xl/sharedStrings.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int at = xml.indexOf("</sst>");
                    out.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    byte[] filler = ("<si><t>" + "x".repeat(1000) + "</t></si>").getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < 20_000; i++) {
                        out.write(filler);
                    }
                    out.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(content);
                }
            }
            out.finish();
            assertThat(RollImporter.parse("roll.xlsx", bytes.toByteArray()).problems())
                    .containsExactly(RowProblem.of(0, "import.error.unreadable"));
        }
    }
}
