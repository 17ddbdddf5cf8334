package vn.tinnhiem.shared.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.report.PdfReport.Column;
import vn.tinnhiem.support.Pdfs;

/** The shared PDF builder: Vietnamese survives, tables run over pages with their header, pages are numbered. */
class PdfReportTests {

    @Test
    void a_long_table_runs_over_numbered_pages_in_an_embedded_vietnamese_font() {
        var out = new ByteArrayOutputStream();
        try (var pdf = PdfReport.portrait(Languages.VIETNAMESE)) {
            pdf.letterhead("Ủy ban nhân dân xã Đốc Binh Kiều").title("DANH SÁCH THỬ").centred("Hội nghị thử")
                    .runningHeader("Hội nghị thử").footer("Lập lúc 08:00, 27/11/2026");
            pdf.table(List.of(Column.text("STT", 0.6f).centered(), Column.text("Họ và tên", 3),
                    Column.text("Ký tên", 1.5f)), 24);
            for (int i = 1; i <= 80; i++) {
                pdf.row(List.of(Integer.toString(i), "Nguyễn Thị Ngọc Hằng số " + i, ""));
            }
            // A control character and a word longer than its cell must neither break the page nor vanish.
            pdf.row(List.of("81", "Trần\u0007 " + "a".repeat(200), "")).endTable()
                    .signatures(List.of(new PdfReport.Signature("Người lập", "Lê Văn Phúc")));
            pdf.writeTo(out);
        }
        var read = Pdfs.read(out.toByteArray());
        assertThat(read.pages()).isBetween(3, 5);
        assertThat(read.text()).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "ỦY BAN NHÂN DÂN XÃ ĐỐC BINH KIỀU", "Nguyễn Thị Ngọc Hằng số 80", "Ký tên", "Trang 1/" + read.pages(),
                "Trang " + read.pages() + "/" + read.pages(), "(Ký, ghi rõ họ tên)", "Lê Văn Phúc", "Trần");
        // The header row is repeated on every page the table runs over (the signatures may start a last page).
        int headers = read.text().split("Họ và tên", -1).length - 1;
        assertThat(headers).isGreaterThanOrEqualTo(3).isBetween(read.pages() - 1, read.pages());
        assertThat(read.fonts()).allSatisfy(f -> assertThat(f).contains("DejaVuSans"));
        assertThat(read.allFontsEmbedded()).isTrue();
        Pdfs.renderPage(out.toByteArray(), 0, Path.of("target", "screenshots", "exports", "pdf-report-page1.png"));
    }

    @Test
    void english_pages_say_page() {
        var out = new ByteArrayOutputStream();
        try (var pdf = PdfReport.landscape(Languages.ENGLISH)) {
            pdf.title("AUDIT LOG").paragraph("One line.").writeTo(out);
        }
        var read = Pdfs.read(out.toByteArray());
        assertThat(read.pages()).isEqualTo(1);
        assertThat(read.text()).contains("AUDIT LOG", "Page 1/1");
    }
}
