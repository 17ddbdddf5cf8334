package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.count.CountFixtures.AUDIT_HASH;
import static vn.tinnhiem.count.CountFixtures.MANIFEST_HASH;
import static vn.tinnhiem.count.CountFixtures.RECORD_HASH;
import static vn.tinnhiem.count.CountFixtures.name;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import vn.tinnhiem.shared.i18n.Languages;

class CountDocumentsTests {

    private static final Locale VI = Languages.VIETNAMESE;

    private static byte[] pdf(Consumer<ByteArrayOutputStream> writer) {
        var out = new ByteArrayOutputStream();
        writer.accept(out);
        return out.toByteArray();
    }

    /** The text of each page, read in visual order (a table row on one line). */
    private static List<String> pages(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            var stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(doc));
            }
            for (var page : doc.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
                assertThat(page.getMediaBox().getHeight()).isEqualTo(PDRectangle.A4.getHeight());
                for (var fontName : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(fontName);
                    assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
                    assertThat(font.getName()).contains("DejaVu");
                }
            }
            return pages;
        }
    }

    private static String all(List<String> pages) {
        return String.join("\n", pages);
    }

    /** The line of a candidate's row: order, name, then each level's count and percentage, valid, invalid. */
    private static Pattern row(int order, String name, String... figures) {
        return Pattern.compile("(?m)^" + order + " " + Pattern.quote(name + " " + String.join(" ", figures)) + "[ \\t]*$");
    }

    @Test
    void the_minutes_and_the_report_give_the_number_of_ballots_used_to_check_the_tablets() throws IOException {
        CountSummary base = CountFixtures.summary(3);
        var b = base.box();
        CountSummary summary = new CountSummary(base.conference(), base.board(), base.closing(),
                new CountSummary.Box(b.stored(), b.counted(), b.setAside(), b.copies(), b.tampering(), 4),
                base.partials(), base.results(), base.countedAt(), base.fingerprints());
        for (var doc : List.<Consumer<ByteArrayOutputStream>>of(out -> MinutesPdf.write(summary, VI, 1, out),
                out -> ReportPdf.write(summary, VI, 1, out))) {
            assertThat(all(pages(pdf(doc)))).contains("Số phiếu dùng để kiểm tra máy (đã mở, không tính vào kết quả): 4");
        }
        assertThat(all(pages(pdf(out -> MinutesPdf.write(summary, Locale.ENGLISH, 1, out)))))
                .contains("Ballots used to check the tablets (opened, not counted in the results): 4");
        // Not in the counts: the same figures as without them.
        assertThat(summary.results().returned()).isEqualTo(b.counted());
        assertThat(all(pages(pdf(out -> MinutesPdf.write(base, VI, 1, out)))))
                .contains("Số phiếu dùng để kiểm tra máy (đã mở, không tính vào kết quả): 0");
    }

    @Test
    void the_minutes_carry_title_secrecy_copy_numbers_rows_bands_box_check_and_fingerprints() throws IOException {
        CountSummary summary = CountFixtures.summary(13);
        List<String> pages = pages(pdf(out -> MinutesPdf.write(summary, VI, out)));
        String text = all(pages);
        assertThat(text).contains("BIÊN BẢN KIỂM PHIẾU", "MẬT", "Hội nghị lấy phiếu tín nhiệm năm 2026",
                "Thời gian: 08:00, 15/10/2026. Địa điểm: Hội trường A.", "1. Đặng Thị Mai, Trưởng ban",
                "2. Lương Văn Khải, thành viên", "Có mặt 36/40 người được triệu tập: đủ số người theo quy định");
        assertThat(text).doesNotContain("KHÔNG ĐỦ", "!count", "!export");

        // Three numbered copies, each copy's number on every one of its pages.
        assertThat(pages.size() % 3).isZero();
        int perCopy = pages.size() / 3;
        for (int copy = 1; copy <= 3; copy++) {
            for (int p = 0; p < perCopy; p++) {
                String page = pages.get((copy - 1) * perCopy + p);
                assertThat(page).contains("MẬT · Bản số " + copy + "/3");
            }
        }
        assertThat(text).contains("Bản số 2/3");

        assertThat(text).containsPattern(row(1, name(1), "21 (60,00%)", "9 (25,71%)", "5 (14,29%)", "35", "0"));
        assertThat(text).containsPattern(row(3, name(3), "5 (14,29%)", "10 (28,57%)", "20 (57,14%)", "35", "0"));
        assertThat(text).containsPattern(row(5, name(5), "2 (5,71%)", "5 (14,29%)", "28 (80,00%)", "35", "0"));
        for (int i = 1; i <= 13; i++) {
            assertThat(text).contains(name(i));
        }
        assertThat(text).contains("Tỉ lệ phần trăm tính trên tổng số phiếu thu về: 35.");

        // The bands in the words of Regulation 96-QĐ/TW, named.
        String flat = text.replaceAll("\\s+", " ");
        assertThat(flat).contains("3. " + name(3) + ": Trên một nửa nhưng dưới hai phần ba số phiếu tín nhiệm thấp: "
                + "cấp có thẩm quyền quản lý cán bộ đưa ra khỏi quy hoạch các chức vụ cao hơn");
        assertThat(flat).contains("5. " + name(5) + ": Từ hai phần ba số phiếu tín nhiệm thấp trở lên: "
                + "cấp có thẩm quyền quản lý cán bộ thực hiện miễn nhiệm chức vụ đang đảm nhiệm");
        assertThat(flat).contains("Những người còn lại: Không quá một nửa số phiếu tín nhiệm thấp.");

        // The box check: no difference here; the set-aside ballot and the copy by tracking code.
        assertThat(flat).contains("Số phiếu được kiểm bằng số thẻ đã dùng (35): không có chênh lệch.");
        assertThat(text).doesNotContain("Chênh lệch giữa");
        assertThat(text).contains(CountFixtures.SET_ASIDE_CODE, "bằng chứng của người thứ 2 sai", CountFixtures.COPY_CODE,
                CountFixtures.COPY_OF_CODE);
        assertThat(flat).contains("1. Đặng Thị Mai: thẻ đọc tại hội trường",
                "3. Hồ Thị Ngọc: giải mã trên máy tính không nối mạng");
        assertThat(text).contains(MANIFEST_HASH, RECORD_HASH, AUDIT_HASH);
        assertThat(flat).contains("Biên bản được lập thành 03 bản (02 bản gửi cấp trên trực tiếp; 01 bản lưu tại Ủy ban nhân dân huyện Hòa Bình) "
                        + "và quản lý theo chế độ mật.",
                "TRƯỞNG BAN", "THÀNH VIÊN", "Kiểm phiếu xong lúc 09:15, 15/10/2026.");
    }

    @Test
    void the_report_carries_its_title_and_the_same_figures() throws IOException {
        CountSummary summary = CountFixtures.summary(13);
        List<String> pages = pages(pdf(out -> ReportPdf.write(summary, VI, out)));
        String text = all(pages);
        String flat = text.replaceAll("\\s+", " ");
        assertThat(text).contains("BÁO CÁO KẾT QUẢ PHIẾU TÍN NHIỆM", "MẬT", "Bản số 1/3", "Bản số 2/3", "Bản số 3/3");
        assertThat(text).containsPattern(row(1, name(1), "21 (60,00%)", "9 (25,71%)", "5 (14,29%)", "35", "0"));
        assertThat(flat).contains("Căn cứ Quy định 96-QĐ/TW (2023), Ủy ban nhân dân huyện Hòa Bình báo cáo",
                "Từ hai phần ba số phiếu tín nhiệm thấp trở lên", "TM. ỦY BAN NHÂN DÂN HUYỆN HÒA BÌNH");
        assertThat(text).contains(MANIFEST_HASH, RECORD_HASH, AUDIT_HASH, CountFixtures.SET_ASIDE_CODE);
        assertThat(text).doesNotContain("!count", "KHÔNG ĐỦ");
    }

    @Test
    void a_conference_without_quorum_is_marked_on_every_page_of_every_document() throws IOException {
        CountSummary summary = CountFixtures.summary(13, 26, 35); // 26 of 40: 78 < 80
        for (byte[] pdf : List.of(pdf(out -> MinutesPdf.write(summary, VI, out)),
                pdf(out -> ReportPdf.write(summary, VI, out)),
                pdf(out -> CandidateResultPdf.writeAll(summary, VI, out)))) {
            List<String> pages = pages(pdf);
            assertThat(pages).allSatisfy(p -> assertThat(p).contains("KHÔNG ĐỦ SỐ NGƯỜI THAM DỰ"));
            assertThat(all(pages).replaceAll("\\s+", " "))
                    .contains("KHÔNG ĐỦ SỐ NGƯỜI THAM DỰ: có mặt 26/40 người được triệu tập, dưới hai phần ba");
        }
        // Exactly two thirds is enough.
        assertThat(all(pages(pdf(out -> MinutesPdf.write(CountFixtures.summary(13, 27, 35), VI, out)))))
                .doesNotContain("KHÔNG ĐỦ");
    }

    @Test
    void a_difference_between_ballots_counted_and_cards_spent_is_printed() throws IOException {
        CountSummary summary = CountFixtures.summary(13, 36, 36); // 35 counted, 36 cards spent
        assertThat(summary.difference()).isEqualTo(-1);
        for (byte[] pdf : List.of(pdf(out -> MinutesPdf.write(summary, VI, out)),
                pdf(out -> ReportPdf.write(summary, VI, out)))) {
            assertThat(all(pages(pdf)).replaceAll("\\s+", " ")).contains(
                    "Chênh lệch giữa số phiếu được kiểm và số thẻ đã dùng: -1 (kiểm 35 phiếu, đã dùng 36 thẻ).");
        }
    }

    @Test
    void a_summary_whose_results_disagree_with_the_box_is_refused() {
        CountSummary good = CountFixtures.summary(3);
        var box = new CountSummary.Box(37, 34, List.of(), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CountSummary(good.conference(), good.board(),
                good.closing(), box, good.partials(), good.results(), good.countedAt(), good.fingerprints()))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CountSummary.Fingerprints("ABC", RECORD_HASH,
                AUDIT_HASH)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copies_can_be_numbered_otherwise() throws IOException {
        String text = all(pages(pdf(out -> MinutesPdf.write(CountFixtures.summary(3), VI, 5, out))));
        assertThat(text).contains("Bản số 5/5", "lập thành 05 bản").doesNotContain("Bản số 6/5", "/3");
    }

    @Test
    void forty_four_candidates_paginate_on_a4_with_the_header_on_every_page_of_the_table() throws IOException {
        CountSummary summary = CountFixtures.summary(44);
        List<String> pages = pages(pdf(out -> MinutesPdf.write(summary, VI, 1, out)));
        String text = all(pages);
        for (int i = 1; i <= 44; i++) {
            int[] l = CountFixtures.levels(i);
            assertThat(text).containsPattern(row(i, name(i), l[0] + " (" + Results.percentage(l[0], 35) + "%)",
                    l[1] + " (" + Results.percentage(l[1], 35) + "%)", l[2] + " (" + Results.percentage(l[2], 35) + "%)", String.valueOf(l[0] + l[1] + l[2]),
                    String.valueOf(35 - l[0] - l[1] - l[2])));
        }
        List<String> withRows = pages.stream().filter(p -> Pattern.compile("(?m)^\\d+ " + Pattern.quote(name(44)) + " ")
                .matcher(p).find() || Pattern.compile("(?m)^\\d+ " + Pattern.quote(name(20)) + " ").matcher(p).find()
                || Pattern.compile("(?m)^\\d+ " + Pattern.quote(name(1)) + " ").matcher(p).find()).toList();
        assertThat(withRows).hasSizeGreaterThanOrEqualTo(2);
        assertThat(withRows).allSatisfy(p -> assertThat(p).contains("STT", "Họ và tên, chức vụ", "Tín nhiệm cao"));
    }

    @Test
    void a_candidates_page_holds_their_own_row_and_nobody_elses() throws IOException {
        CountSummary summary = CountFixtures.summary(13);
        List<String> pages = pages(pdf(out -> CandidateResultPdf.writeAll(summary, VI, out)));
        assertThat(pages).hasSize(13);
        for (int i = 1; i <= 13; i++) {
            String page = pages.get(i - 1);
            assertThat(page).contains("KẾT QUẢ PHIẾU TÍN NHIỆM", "MẬT", name(i));
            for (int j = 1; j <= 13; j++) {
                if (j != i) {
                    assertThat(page).doesNotContain(name(j));
                }
            }
        }
        assertThat(pages.get(0)).containsPattern(row(1, name(1), "21 (60,00%)", "9 (25,71%)", "5 (14,29%)", "35", "0"))
                .doesNotContain("80,00%", "57,14%");
        assertThat(pages.get(4).replaceAll("\\s+", " ")).contains("80,00%",
                "Từ hai phần ba số phiếu tín nhiệm thấp trở lên");
        assertThat(pages.get(1).replaceAll("\\s+", " ")).contains("Không quá một nửa số phiếu tín nhiệm thấp.");

        List<String> single = pages(pdf(out -> CandidateResultPdf.write(summary, 3, VI, out)));
        assertThat(single).hasSize(1);
        assertThat(single.getFirst()).containsPattern(
                row(3, name(3), "5 (14,29%)", "10 (28,57%)", "20 (57,14%)", "35", "0")).doesNotContain(name(1));
    }

    @Test
    void the_documents_also_render_in_english() throws IOException {
        CountSummary summary = CountFixtures.summary(13, 26, 36);
        String text = all(pages(pdf(out -> MinutesPdf.write(summary, Languages.ENGLISH, out))));
        String flat = text.replaceAll("\\s+", " ");
        assertThat(flat).contains("TALLY MINUTES", "CONFIDENTIAL · Copy 2 of 3", "QUORUM NOT MET", "No. Name, position High",
                "Difference between ballots counted and cards used: -1", "Votes (share)",
                "Low confidence from two thirds or more: the competent managing body dismisses");
        assertThat(text).doesNotContain("!count", "MẬT");
        String report = all(pages(pdf(out -> ReportPdf.write(summary, Languages.ENGLISH, out))));
        assertThat(report).contains("REPORT ON THE CONFIDENCE VOTE RESULTS").doesNotContain("!count");
    }

    @Test
    void the_spreadsheet_is_headed_as_the_minutes_with_numbers_as_numbers_and_the_totals() throws IOException {
        CountSummary summary = CountFixtures.summary(13, 26, 36);
        ResultTable table = summary.results();
        var out = new ByteArrayOutputStream();
        ResultsXlsx.write(summary, VI, out);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Kết quả");
            // The minutes' heading: the body, the title, the rule set, the conference, when and where, the quorum.
            List<String> heading = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                heading.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            assertThat(heading.get(0)).isEqualTo("Ủy ban nhân dân huyện Hòa Bình");
            assertThat(heading.get(1)).isEqualTo("BÁO CÁO KẾT QUẢ PHIẾU TÍN NHIỆM");
            assertThat(heading.get(2)).contains("Quy định 96-QĐ/TW");
            assertThat(heading.get(3)).isEqualTo("Hội nghị lấy phiếu tín nhiệm năm 2026");
            assertThat(heading.get(4)).contains("15/10/2026", "Hội trường A");
            assertThat(heading.get(5)).startsWith("KHÔNG ĐỦ SỐ NGƯỜI THAM DỰ: có mặt 26/40");
            assertThat(heading.get(6)).contains("Tổng số phiếu phát ra (thẻ đã kích hoạt): 36");
            int headerRow = 9;
            var header = sheet.getRow(headerRow);
            assertThat(header.getCell(1).getStringCellValue()).isEqualTo("Họ và tên");
            assertThat(header.getCell(3).getStringCellValue()).isEqualTo("Tín nhiệm cao");
            assertThat(header.getCell(4).getStringCellValue()).isEqualTo("Tín nhiệm cao (%)");
            var fifth = sheet.getRow(headerRow + 5);
            assertThat(fifth.getCell(0).getNumericCellValue()).isEqualTo(5);
            assertThat(fifth.getCell(1).getStringCellValue()).isEqualTo(name(5));
            assertThat(fifth.getCell(7).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(fifth.getCell(7).getNumericCellValue()).isEqualTo(28);
            // A percentage is a number a spreadsheet can add up, shown as the minutes print it.
            assertThat(fifth.getCell(8).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(fifth.getCell(8).getNumericCellValue()).isEqualTo(80.0);
            assertThat(fifth.getCell(8).getCellStyle().getDataFormatString()).isEqualTo("0.00");
            assertThat(fifth.getCell(9).getNumericCellValue()).isEqualTo(35);
            assertThat(fifth.getCell(10).getNumericCellValue()).isZero();
            assertThat(fifth.getCell(11).getStringCellValue()).startsWith("Từ hai phần ba số phiếu tín nhiệm thấp");
            assertThat(sheet.getRow(headerRow + 1).getCell(4).getNumericCellValue()).isEqualTo(60.0);
            for (int c = 0; c < 13; c++) {
                var row = sheet.getRow(headerRow + 1 + c);
                for (int l = 0; l < 3; l++) {
                    assertThat(String.format(java.util.Locale.ROOT, "%.2f", row.getCell(4 + 2 * l).getNumericCellValue())
                            .replace('.', ',')).isEqualTo(table.rows().get(c).percentages().get(l));
                }
            }
            // The totals under the table.
            int totals = headerRow + 13 + 2;
            assertThat(sheet.getRow(totals).getCell(1).getStringCellValue()).isEqualTo("Số người được triệu tập");
            assertThat(sheet.getRow(totals).getCell(3).getNumericCellValue()).isEqualTo(table.members());
            assertThat(sheet.getRow(totals + 1).getCell(3).getNumericCellValue()).isEqualTo(table.issued());
            assertThat(sheet.getRow(totals + 2).getCell(3).getNumericCellValue()).isEqualTo(table.returned());
            assertThat(sheet.getRow(totals + 3).getCell(3).getNumericCellValue()).isEqualTo(table.denominator());
        }
    }
}
