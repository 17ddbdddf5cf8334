package vn.tinnhiem.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.report.ExportFormat;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;

/**
 * The whole audit log as PDF and XLSX, as the organiser exports it, read page by page from the real database
 * (a supervisor's export: {@link AuditSupervisorScopeIntegrationTests}).
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class AuditExportsIntegrationTests {

    @Autowired
    AuditLog audit;
    @Autowired
    AuditExports exports;

    private byte[] export(ExportFormat format) {
        var out = new ByteArrayOutputStream();
        exports.write(format, Languages.VIETNAMESE, out);
        return out.toByteArray();
    }

    @Test
    void the_spreadsheet_holds_every_entry_in_chain_order_past_one_page_of_reading() {
        // More entries than one page of the reader, so the paging is crossed.
        for (int i = 0; i < 520; i++) {
            audit.recordAs("system", "test.export", "export:" + i, AuditFields.of("n", i));
        }
        // A subject a spreadsheet would take for a formula: written as text.
        AuditEntry last = audit.recordAs("system", "test.export", "=cmd|' /C calc'!A0", AuditFields.none());
        long entries = audit.verifyChain().entriesChecked();

        List<List<String>> rows = Pdfs.sheet(export(ExportFormat.XLSX));
        assertThat(rows.getFirst()).startsWith("#", "Thời điểm", "Người thực hiện", "Thao tác", "Mã thao tác");
        assertThat(rows).hasSize((int) entries + 1);
        List<Long> ids = rows.subList(1, rows.size()).stream().map(r -> Long.parseLong(r.getFirst())).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        List<String> lastRow = rows.getLast();
        assertThat(lastRow.getFirst()).isEqualTo(Long.toString(last.id()));
        assertThat(lastRow).contains("'=cmd|' /C calc'!A0", last.entryHash(), last.previousHash());
    }

    @Test
    void the_printout_shows_actions_in_words_and_ends_with_the_last_hash() {
        AuditEntry entry = audit.recordAs("organiser", "election.create", "election:999",
                AuditFields.of("title", "Hội nghị in thử"));
        byte[] pdf = export(ExportFormat.PDF);
        var read = Pdfs.read(pdf);
        assertThat(read.pages()).isGreaterThanOrEqualTo(1);
        String flat = read.text().replaceAll("\\s+", "");
        assertThat(read.text()).contains("NHẬT KÝ THAO TÁC", "Tạo hội nghị", "Hội nghị in thử", "người xuất: organiser",
                "Trang 1/" + read.pages());
        // The full hash of the last entry, though wrapped in its cell.
        assertThat(flat).contains(entry.entryHash());
        assertThat(read.text()).contains("Mã băm của mục cuối cùng: " + entry.entryHash());
        assertThat(read.allFontsEmbedded()).isTrue();
        Pdfs.renderPage(pdf, read.pages() - 1, Path.of("target", "screenshots", "exports", "audit-last-page.png"));
    }

    @Test
    void a_teller_may_not_export_the_log_but_the_organiser_may() {
        try (var as = Acting.as("teller", "TELLER")) {
            assertThatThrownBy(() -> export(ExportFormat.PDF)).isInstanceOf(AuthorizationDeniedException.class);
        }
        try (var as = Acting.as("organiser", "ADMIN")) {
            assertThat(Pdfs.read(export(ExportFormat.PDF)).text()).contains("NHẬT KÝ THAO TÁC");
        }
    }
}
