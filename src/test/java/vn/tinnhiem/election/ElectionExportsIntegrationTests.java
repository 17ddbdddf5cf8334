package vn.tinnhiem.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionExports.Document;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.i18n.Translations;
import vn.tinnhiem.shared.report.ExportFormat;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;

/** The organiser's printouts and spreadsheets, made from the demo conference on the real database. */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class ElectionExportsIntegrationTests {

    private static final Path SHOTS = Path.of("target", "screenshots", "exports");

    @Autowired
    Elections elections;
    @Autowired
    Candidates candidates;
    @Autowired
    VoterRoll voterRoll;
    @Autowired
    Checklist checklist;
    @Autowired
    ElectionExports exports;

    private byte[] export(ElectionId id, Document document, ExportFormat format, Locale locale) {
        var out = new ByteArrayOutputStream();
        exports.write(id, document, format, locale, out);
        return out.toByteArray();
    }

    @Test
    void the_voter_roll_prints_every_voter_with_a_signature_column_and_the_conference_heading() {
        ElectionId id = elections.createDemo();
        List<Voter> voters = voterRoll.voters(id);
        Election election = elections.find(id).orElseThrow();
        byte[] pdf = export(id, Document.ROLL, ExportFormat.PDF, Languages.VIETNAMESE);

        var read = Pdfs.read(pdf);
        assertThat(read.pages()).isBetween(2, 4);
        assertThat(read.text()).contains("DANH SÁCH NGƯỜI GHI PHIẾU TÍN NHIỆM", "Ký tên", "ỦY BAN NHÂN DÂN HUYỆN MỸ LỢI",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Trang 1/" + read.pages(), "Hội trường A",
                "Tổng số: 30 người ghi phiếu.", "TRƯỞNG BAN KIỂM PHIẾU", "Nguyễn Thị Bích Liên");
        // The conference's date and time as the hall reads them.
        assertThat(read.text()).contains(election.details().startsAt()
                .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm, dd/MM/yyyy")));
        assertThat(voters).hasSize(30).allSatisfy(v -> assertThat(read.text()).contains(v.fullName()));
        assertThat(read.allFontsEmbedded()).isTrue();
        Pdfs.renderPage(pdf, 0, SHOTS.resolve("roll-page1.png"));
        Pdfs.renderPage(pdf, read.pages() - 1, SHOTS.resolve("roll-last-page.png"));
    }

    @Test
    void the_voter_roll_spreadsheet_reads_back_and_imports_again_unchanged() {
        ElectionId id = elections.createDemo();
        byte[] xlsx = export(id, Document.ROLL, ExportFormat.XLSX, Languages.VIETNAMESE);
        List<List<String>> rows = Pdfs.sheet(xlsx);
        assertThat(rows.getFirst()).containsExactly("STT", "Họ và tên", "Chức vụ", "Đơn vị");
        assertThat(rows).hasSize(31);
        Voter first = voterRoll.voters(id).getFirst();
        assertThat(rows.get(1)).containsExactly("1", first.fullName(), first.jobTitle(), first.organisation());

        ElectionId copy = elections.createDemo();
        assertThat(voterRoll.importRoll(copy, "roll.xlsx", xlsx).problems()).isEmpty();
        assertThat(voterRoll.voters(copy)).extracting(Voter::fullName)
                .isEqualTo(voterRoll.voters(id).stream().map(Voter::fullName).toList());
    }

    @Test
    void a_name_typed_as_a_formula_is_exported_as_inert_text() {
        ElectionId id = elections.createDemo();
        voterRoll.addVoter(id, new NewVoter("=HYPERLINK(\"http://x.example\",\"Bấm\")", "+84 912", "@SUM(A1)"));
        candidates.addCandidate(id, "-Trần Văn A", "=1+1");
        List<List<String>> roll = Pdfs.sheet(export(id, Document.ROLL, ExportFormat.XLSX, Languages.VIETNAMESE));
        assertThat(roll.getLast()).containsExactly("31", "'=HYPERLINK(\"http://x.example\",\"Bấm\")", "'+84 912",
                "'@SUM(A1)");
        List<List<String>> candidates = Pdfs.sheet(export(id, Document.CANDIDATES, ExportFormat.XLSX,
                Languages.VIETNAMESE));
        assertThat(candidates.getLast()).containsExactly("14", "'-Trần Văn A", "'=1+1");
    }

    @Test
    void the_candidate_list_names_every_candidate_in_ballot_order() {
        ElectionId id = elections.createDemo();
        List<Candidate> candidates = this.candidates.list(id);
        byte[] pdf = export(id, Document.CANDIDATES, ExportFormat.PDF, Languages.VIETNAMESE);
        var read = Pdfs.read(pdf);
        assertThat(read.pages()).isEqualTo(1);
        assertThat(read.text()).contains("DANH SÁCH NGƯỜI ĐƯỢC LẤY PHIẾU TÍN NHIỆM", "Tổng số: 13 người được lấy phiếu.");
        int last = -1;
        for (Candidate c : candidates) {
            int at = read.text().indexOf(c.fullName());
            assertThat(at).as(c.fullName()).isGreaterThan(last);
            last = at;
        }
        List<List<String>> rows = Pdfs.sheet(export(id, Document.CANDIDATES, ExportFormat.XLSX, Languages.VIETNAMESE));
        assertThat(rows).hasSize(14);
        assertThat(rows.get(1)).containsExactly("1", candidates.getFirst().fullName(), candidates.getFirst().jobTitle());
    }

    @Test
    void the_ballot_preview_shows_each_candidate_with_the_three_levels_and_says_it_is_not_a_ballot() {
        ElectionId id = elections.createDemo();
        byte[] pdf = export(id, Document.BALLOT_PREVIEW, ExportFormat.PDF, Languages.VIETNAMESE);
        var read = Pdfs.read(pdf);
        assertThat(read.pages()).isBetween(1, 3);
        // PDFTextStripper breaks a wrapped header cell into lines; compare on single spaces.
        String flat = read.text().replaceAll("\\s+", " ");
        assertThat(flat).contains("PHIẾU TÍN NHIỆM", "Bản xem trước, không dùng để bỏ phiếu", "Tín nhiệm cao",
                "Tín nhiệm thấp", "Huyện ủy viên, Phó Chủ tịch Ủy ban nhân dân huyện");
        assertThat(candidates.list(id)).allSatisfy(c -> assertThat(read.text()).contains(c.fullName()));
        assertThat(flat).doesNotContain("Không tín nhiệm");
        Pdfs.renderPage(pdf, 0, SHOTS.resolve("ballot-preview-page1.png"));
    }

    @Test
    void a_two_level_ballot_preview_offers_confidence_and_no_confidence() {
        ElectionId id = elections.createDemo();
        Election e = elections.find(id).orElseThrow();
        var d = e.details();
        elections.updateDetails(id, new ElectionDetails(d.title(), d.body(), d.place(), d.startsAt(),
                BallotKind.TWO_LEVEL, RuleSet.NQ_96_2023));
        var read = Pdfs.read(export(id, Document.BALLOT_PREVIEW, ExportFormat.PDF, Languages.ENGLISH));
        String flat = read.text().replaceAll("\\s+", " ");
        assertThat(flat).contains("CONFIDENCE BALLOT", "Preview only, not for voting", "No confidence",
                "Page 1/");
        assertThat(flat).doesNotContain("High confidence", "Low confidence");
    }

    @Test
    void the_checklist_prints_each_step_with_its_due_date_and_who_ticked_it() {
        ElectionId id = elections.createDemo();
        checklist.setChecklistDone(id, ChecklistStep.SELF_REPORTS, true);
        List<ChecklistItem> items = checklist.items(id);
        var read = Pdfs.read(export(id, Document.CHECKLIST, ExportFormat.PDF, Languages.VIETNAMESE));
        assertThat(read.text()).contains("TIẾN ĐỘ CHUẨN BỊ HỘI NGHỊ", "Chưa xong", "(organiser)",
                items.getFirst().dueDate().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        // PDFTextStripper joins wrapped lines with a line break; compare on single spaces.
        String flat = read.text().replaceAll("\\s+", " ");
        assertThat(items).allSatisfy(item -> assertThat(flat)
                .contains(Translations.translate("checklist." + item.step().name(), Languages.VIETNAMESE)));
        List<List<String>> rows = Pdfs.sheet(export(id, Document.CHECKLIST, ExportFormat.XLSX, Languages.VIETNAMESE));
        assertThat(rows).hasSize(items.size() + 1);
        assertThat(rows.get(1).get(3)).startsWith("Xong lúc").endsWith("(organiser)");
        assertThat(rows.get(2).get(3)).isEqualTo("Chưa xong");
    }

    @Test
    void the_import_template_imports_back_without_an_error_in_both_languages_and_formats() {
        for (Locale locale : Languages.ALL) {
            for (ExportFormat format : List.of(ExportFormat.XLSX, ExportFormat.CSV)) {
                ElectionId id = elections.createDemo();
                var out = new ByteArrayOutputStream();
                ElectionExports.writeImportTemplate(format, locale, out);
                RollImportResult result = voterRoll.importRoll(id, ElectionExports.importTemplateFileName(format),
                        out.toByteArray());
                assertThat(result.problems()).as(locale + " " + format).isEmpty();
                assertThat(voterRoll.voters(id)).singleElement().satisfies(v -> {
                    assertThat(v.fullName()).isEqualTo("Nguyễn Văn A");
                    assertThat(v.organisation()).isEqualTo(
                            Translations.translate("export.template.exampleOrganisation", locale));
                });
            }
        }
        var csv = new ByteArrayOutputStream();
        ElectionExports.writeImportTemplate(ExportFormat.CSV, Languages.VIETNAMESE, csv);
        assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo(
                "\uFEFFSTT,Họ và tên,Chức vụ,Đơn vị\r\n1,Nguyễn Văn A,Chủ tịch,Ủy ban nhân dân xã Mỹ Hòa\r\n");
    }

    @Test
    void every_document_has_a_label_in_both_languages() {
        for (Document d : Document.values()) {
            for (Locale locale : Languages.ALL) {
                assertThat(Translations.translate(d.labelKey(), locale)).doesNotStartWith("!");
            }
        }
    }

    @Test
    void only_the_organiser_may_export_a_conference() {
        ElectionId id = elections.createDemo();
        for (String role : List.of("TELLER", "SUPERVISOR")) {
            try (var as = Acting.as("someone", role)) {
                assertThatThrownBy(() -> export(id, Document.ROLL, ExportFormat.PDF, Languages.VIETNAMESE))
                        .isInstanceOf(AuthorizationDeniedException.class);
            }
        }
    }
}
