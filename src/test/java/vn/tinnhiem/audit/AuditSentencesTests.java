package vn.tinnhiem.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import vn.tinnhiem.crypto.BallotFailure;
import vn.tinnhiem.shared.i18n.Languages;

/** The log in words, not {@code DRAFT->READY}: every action the code writes reads as a sentence in both languages. */
class AuditSentencesTests {

    private static final Pattern RECORD_CALL = Pattern.compile("\\.record(?:As|Refusal|RefusalAs)?\\(([^;]*);");
    private static final Pattern ACTION = Pattern.compile("\"([a-z]+(?:\\.[a-zA-Z]+)+)\"");
    /** A tablet fault's check as the voting code writes it: {@code fault(.., "SIZE")}, {@code recordFault(.., "COPY")}. */
    private static final Pattern FAULT_CHECK = Pattern.compile("\\b(?:fault|recordFault)\\([^;]*?\"([A-Z][A-Z_]*)\"\\)");
    private static final Map<String, String> NAMES = Map.of("election:7", "Hội nghị giữa năm 2026");
    private static final Locale VI = Languages.VIETNAMESE;
    private static final Locale EN = Languages.ENGLISH;

    private static AuditEntry entry(String action, String subject, String details) {
        return new AuditEntry(1, Instant.parse("2026-11-27T01:00:00Z"), "organiser", action, subject, details, "", "", "");
    }

    /** Every action string passed to the audit log anywhere in the main code. */
    static Set<String> actionsWrittenByTheCode() throws IOException {
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher call = RECORD_CALL.matcher(Files.readString(f));
                while (call.find()) {
                    Matcher literal = ACTION.matcher(call.group(1));
                    while (literal.find()) {
                        actions.add(literal.group(1));
                    }
                }
            }
        }
        return actions;
    }

    private static Properties bundle(String name) throws IOException {
        var p = new Properties();
        try (var in = AuditSentencesTests.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void every_action_the_code_writes_has_a_label_and_a_sentence_in_both_languages() throws IOException {
        Set<String> actions = actionsWrittenByTheCode();
        assertThat(actions).contains("election.status", "election.statusRefused", "account.signIn", "voter.import",
                "account.enable", "account.disable", "checklist.done", "checklist.undone");
        for (Properties bundle : new Properties[] {bundle("messages.properties"), bundle("messages_en.properties")}) {
            assertThat(actions).allSatisfy(a -> assertThat(bundle).containsKeys("audit.action." + a, "audit.sentence." + a));
        }
    }

    @Test
    void a_status_change_reads_as_a_sentence_with_the_conference_title() {
        var e = entry("election.status", "election:7", "DRAFT->READY");
        assertThat(AuditSentences.describe(e, NAMES, VI))
                .isEqualTo("Chuyển hội nghị “Hội nghị giữa năm 2026” từ “Dự thảo” sang “Đã chốt”");
        assertThat(AuditSentences.describe(e, NAMES, EN))
                .isEqualTo("Moved the conference “Hội nghị giữa năm 2026” from “Draft” to “Ready”");
        assertThat(AuditSentences.describe(entry("election.status", "election:8", "DRAFT->READY"), NAMES, VI))
                .startsWith("Chuyển hội nghị số 8 từ");
    }

    @Test
    void a_refused_step_names_its_reasons_in_words() {
        var e = entry("election.statusRefused", "election:7",
                "to=READY reasons=lifecycle.refuse.noCandidates,lifecycle.refuse.threshold");
        String vi = AuditSentences.describe(e, NAMES, VI);
        assertThat(vi).startsWith("Từ chối chuyển hội nghị “Hội nghị giữa năm 2026” sang “Đã chốt”: ")
                .contains("Chưa có người được lấy phiếu nào.").doesNotContain("lifecycle.", "{0}", "to=", "READY");
        assertThat(AuditSentences.describe(e, NAMES, EN)).doesNotContain("lifecycle.", "to=", "reasons=");
    }

    @Test
    void no_raw_keys_in_what_the_screen_showed_before() {
        String first = AuditSentences.describe(entry("account.create", "account:admin", "role=ADMIN first start"), NAMES, VI);
        assertThat(first).isEqualTo("Tạo tài khoản quản trị đầu tiên “admin” khi khởi động lần đầu");
        assertThat(AuditSentences.describe(entry("account.create", "account:an.nv", "role=TELLER"), NAMES, VI))
                .isEqualTo("Tạo tài khoản “an.nv” với vai trò Ban Kiểm phiếu");
        assertThat(AuditSentences.describe(entry("teller.add", "election:7", "seat=2 name=Ngô Thị Hạnh"), NAMES, VI))
                .isEqualTo("Thêm “Ngô Thị Hạnh” vào Ban Kiểm phiếu của hội nghị “Hội nghị giữa năm 2026” (ghế số 2)");
        String update = AuditSentences.describe(entry("election.update", "election:7",
                "title=Hội nghị giữa năm 2026 kind=THREE_LEVEL rules=QD_96_2023 at=2026-12-21T08:00"), NAMES, VI);
        assertThat(update).contains("“Hội nghị giữa năm 2026”", "Lấy phiếu tín nhiệm (3 mức)", "08:00 21/12/2026")
                .doesNotContain("title=", "kind=", "THREE_LEVEL");
        assertThat(AuditSentences.describe(entry("checklist.done", "election:7", "step=REPORT_RESULTS"), NAMES, EN))
                .doesNotContain("REPORT_RESULTS", "step=");
    }

    @Test
    void an_unknown_action_falls_back_to_its_name_and_fields() {
        assertThat(AuditSentences.describe(entry("ballot.future", "election:7", "x=1"), NAMES, VI))
                .isEqualTo("ballot.future: x: 1");
        assertThat(AuditSentences.describe(entry("ballot.future", "election:7",
                AuditFields.of("x", "a b=c").encode()), NAMES, VI)).isEqualTo("ballot.future: x: a b=c");
        assertThat(AuditSentences.describe(entry("ballot.future", "election:7", ""), NAMES, EN)).isEqualTo("ballot.future");
    }

    @Test
    void details_written_before_typed_fields_read_as_they_always_did() {
        assertThat(AuditFields.decode("voter.add", "ordinal=3 name=Nguyễn Văn An").visible()).containsExactly(
                Map.entry("ordinal", "3"), Map.entry("name", "Nguyễn Văn An"));
        assertThat(AuditFields.decode("voter.add", "").isEmpty()).isTrue();
        assertThat(AuditFields.decode("account.signInRefused", "locked").visible()).containsExactly(Map.entry("why", "locked"));
        assertThat(AuditFields.decode("kiosk.add", "name=Máy 1, election=5").visible()).containsExactly(
                Map.entry("name", "Máy 1"), Map.entry("election", "5"));
        assertThat(AuditFields.decode("voter.import", "file=a b.csv sha256=ab rows=12 renumbered").visible())
                .containsExactly(Map.entry("file", "a b.csv"), Map.entry("sha256", "ab"), Map.entry("rows", "12"),
                        Map.entry("renumbered", "yes"));
        // The flaw the typed fields end: in the old text the first key wins, so a typed "rows=" reads first.
        assertThat(AuditFields.decode("voter.import", "file=roll.csv rows=9999 sha256=ab rows=30").get("rows"))
                .contains("9999");
    }

    /**
     * Every check a tablet's ballot can fail, as the audit field {@code check} holds it: the literals the voting
     * code passes to its fault methods, and every part of a ballot the proofs check ({@link BallotFailure.Part}).
     */
    static Set<String> kioskFaultChecks() throws IOException {
        Set<String> checks = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/vn/tinnhiem/voting"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher call = FAULT_CHECK.matcher(Files.readString(f));
                while (call.find()) {
                    checks.add(call.group(1));
                }
            }
        }
        for (BallotFailure.Part part : BallotFailure.Part.values()) {
            checks.add(part.name());
        }
        return checks;
    }

    @Test
    void a_tablet_fault_names_the_failed_check_in_words_in_both_languages() throws IOException {
        Set<String> checks = kioskFaultChecks();
        assertThat(checks).contains("SIZE", "MANIFEST", "TRACKING_CODE", "COPY", "OPENING",
                "WRONG_SHAPE", "BINDING", "CIPHERTEXT_ENCODING", "BIT_PROOF", "SUM_PROOF");
        Properties vi = bundle("messages.properties");
        Properties en = bundle("messages_en.properties");
        for (String check : checks) {
            assertThat(vi).as(check).containsKey("audit.kioskCheck." + check);
            assertThat(en).as(check).containsKey("audit.kioskCheck." + check);
            var e = entry("voting.kioskFault", "kiosk:K7", AuditFields.of("check", check).with("election", 7).encode());
            String inVietnamese = AuditSentences.describe(e, NAMES, VI);
            String inEnglish = AuditSentences.describe(e, NAMES, EN);
            assertThat(inVietnamese).as(check)
                    .startsWith("Lá phiếu từ máy K7 bị từ chối: ")
                    .contains(vi.getProperty("audit.kioskCheck." + check), "thẻ vẫn dùng được", "hội nghị số 7")
                    .doesNotContain(check, "audit.", "check=", "{", "…");
            assertThat(inEnglish).as(check)
                    .startsWith("A ballot from tablet K7 was refused: ")
                    .contains(en.getProperty("audit.kioskCheck." + check), "card still usable")
                    .doesNotContain(check, "audit.", "check=", "{", "…");
        }
        // Each check reads differently: a reader tells a wrong size from a replayed ballot or a failed opening.
        assertThat(checks.stream().map(c -> vi.getProperty("audit.kioskCheck." + c)).distinct()).hasSameSizeAs(checks);
        assertThat(checks.stream().map(c -> en.getProperty("audit.kioskCheck." + c)).distinct()).hasSameSizeAs(checks);
        assertThat(AuditSentences.describe(entry("voting.kioskFault", "kiosk:K7",
                AuditFields.of("check", "OPENING").with("election", 7).encode()), NAMES, VI))
                .contains("khi kiểm tra máy, máy không mở được đúng lá phiếu nó đã niêm phong");
        // The tablet is named once: "máy K7", not "Máy bỏ phiếu máy K7".
        var paused = entry("voting.wrongCodes", "kiosk:K7", AuditFields.of("count", 5).with("election", 7).encode());
        assertThat(AuditSentences.describe(paused, NAMES, VI))
                .isEqualTo("Tạm dừng máy K7 vì máy đọc 5 mã phiếu sai trong một phút (hội nghị số 7)");
        assertThat(AuditSentences.describe(paused, NAMES, EN))
                .isEqualTo("Paused tablet K7: it read 5 wrong ballot codes within a minute (conference no. 7)");
    }
}
