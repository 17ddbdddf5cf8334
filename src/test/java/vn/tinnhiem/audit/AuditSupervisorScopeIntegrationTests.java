package vn.tinnhiem.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.report.ExportFormat;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;

/**
 * What each reader of the log is given: the organiser and the tally board the whole log; a supervisor only
 * the entries of the conferences they are named for, with candidates', voters' and roll files' names hidden
 * (on the screen, in a search, in the filters and in the export); a supervisor named for none, nothing.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class AuditSupervisorScopeIntegrationTests {

    static final String CANDIDATE = "Lê Văn Bímật";
    static final String VOTER = "Phạm Thị Riêngtư";
    static final String OTHER_CANDIDATE = "Hoàng Văn Khácbiệt";

    @Autowired
    AuditLog audit;
    @Autowired
    AuditExports exports;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    KioskService kiosks;

    ElectionId mine;
    ElectionId other;
    String mineTitle;
    String otherTitle;
    String supervisor;
    String idle;

    @BeforeEach
    void twoConferencesOneSupervised() {
        mineTitle = Conferences.uniqueTitle("Hội nghị được giám sát");
        otherTitle = Conferences.uniqueTitle("Hội nghị khác");
        mine = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, mineTitle, ElectionStatus.DRAFT);
        other = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, otherTitle, ElectionStatus.DRAFT);
        elections.candidates().addCandidate(mine, CANDIDATE, "Phó Chủ tịch");
        elections.voterRoll().addVoter(mine, new NewVoter(VOTER, "Đại biểu", "HĐND xã"));
        elections.candidates().addCandidate(other, OTHER_CANDIDATE, "Chủ tịch");
        elections.lifecycle().moveTo(mine, ElectionStatus.READY);
        kiosks.add("Máy giám sát " + mine, mine);
        supervisor = "gs.scope." + System.nanoTime() % 1_000_000;
        idle = "gs.idle." + System.nanoTime() % 1_000_000;
        accounts.create(supervisor, "Giám sát viên", Role.SUPERVISOR);
        accounts.create(idle, "Giám sát viên chưa được chọn", Role.SUPERVISOR);
        elections.supervisors().addSupervisor(mine, supervisor);
    }

    private static String words(List<AuditEntry> entries, java.util.Map<String, String> names) {
        return String.join("\n", entries.stream()
                .map(e -> AuditSentences.describe(e, names, Languages.VIETNAMESE) + " " + e.details()).toList());
    }

    private static boolean ofConference(AuditEntry e, long id) {
        return e.subject().equals("election:" + id) || e.fields().get("election").equals(java.util.Optional.of(Long.toString(id)));
    }

    @Test
    void a_supervisor_reads_their_conference_without_names_and_nothing_else() {
        try (var as = Acting.as(supervisor, "SUPERVISOR")) {
            List<AuditEntry> seen = audit.search(AuditSearch.ALL, 0, 1000);
            var names = audit.subjectNames();
            assertThat(seen).isNotEmpty().allSatisfy(e -> assertThat(ofConference(e, mine.value())).as("%s", e).isTrue());
            assertThat(seen).extracting(AuditEntry::action).contains("election.create", "candidate.add", "voter.add",
                    "election.status", "kiosk.add", "supervisor.add");
            assertThat(words(seen, names)).contains(mineTitle, "[tên đã ẩn]", "Máy giám sát " + mine)
                    .doesNotContain(CANDIDATE, VOTER, OTHER_CANDIDATE, otherTitle, "Bímật", "Riêngtư");
            assertThat(audit.newest(1000)).extracting(AuditEntry::id).containsExactlyElementsOf(
                    seen.stream().map(AuditEntry::id).toList());
            assertThat(names).containsOnlyKeys("election:" + mine);
            assertThat(audit.actions()).contains("candidate.add", "kiosk.add").doesNotContain("account.create",
                    "account.signIn");
            assertThat(audit.actors()).containsExactly("organiser");

            // A search never tells a hidden name: the candidate's name finds nothing; the title finds the entries.
            assertThat(audit.search(new AuditSearch("Bímật", "", ""), 0, 100)).isEmpty();
            assertThat(audit.search(new AuditSearch(mineTitle, "", ""), 0, 100)).isNotEmpty()
                    .allSatisfy(e -> assertThat(ofConference(e, mine.value())).isTrue());
            assertThat(audit.search(new AuditSearch(otherTitle, "", ""), 0, 100)).isEmpty();

            // The latest entry of an action, for theirs only and without the name.
            assertThat(audit.latest("candidate.add", "election:" + mine).orElseThrow().fields().isHidden("name")).isTrue();
            assertThat(audit.latest("candidate.add", "election:" + other)).isEmpty();

            // Their export is the same extract.
            var out = new ByteArrayOutputStream();
            exports.write(ExportFormat.PDF, Languages.VIETNAMESE, out);
            String pdf = Pdfs.read(out.toByteArray()).text();
            assertThat(pdf).contains("Bản trích cho giám sát viên", "[tên đã ẩn]")
                    .doesNotContain(CANDIDATE, VOTER, OTHER_CANDIDATE, otherTitle);
            assertThat(pdf.replaceAll("\\s+", " ")).contains(mineTitle);
            out.reset();
            exports.write(ExportFormat.XLSX, Languages.VIETNAMESE, out);
            String sheet = Pdfs.sheet(out.toByteArray()).toString();
            assertThat(sheet).doesNotContain("Bímật", "Riêngtư", "Khácbiệt", otherTitle);

            // The integrity check still covers the whole chain: a supervisor checks it all.
            assertThat(audit.verifyChain().entriesChecked()).isGreaterThan(seen.size());
        }
    }

    @Test
    void a_supervisor_named_for_no_conference_reads_no_entry() {
        try (var as = Acting.as(idle, "SUPERVISOR")) {
            assertThat(audit.search(AuditSearch.ALL, 0, 100)).isEmpty();
            assertThat(audit.newest(100)).isEmpty();
            assertThat(audit.subjectNames()).isEmpty();
            assertThat(audit.actors()).isEmpty();
            assertThat(audit.actions()).isEmpty();
            assertThat(audit.latest("election.create", "election:" + mine)).isEmpty();
        }
    }

    @Test
    void the_organiser_and_the_board_read_the_whole_log_with_names() {
        String all = words(audit.search(new AuditSearch(mineTitle, "", ""), 0, 100), audit.subjectNames())
                + words(audit.search(new AuditSearch(otherTitle, "", ""), 0, 100), audit.subjectNames());
        assertThat(all).contains(CANDIDATE, VOTER, OTHER_CANDIDATE, mineTitle, otherTitle);
        // The organiser's search looks in the details too, as typed (the stored text escapes the spaces).
        assertThat(audit.search(new AuditSearch(CANDIDATE, "", ""), 0, 10)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.action()).isEqualTo("candidate.add"));
        try (var as = Acting.as("kp.scope", "TELLER")) {
            String board = words(audit.newest(300), audit.subjectNames());
            assertThat(board).contains(CANDIDATE, OTHER_CANDIDATE, otherTitle);
        }
    }
}
