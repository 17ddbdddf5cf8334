package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tinnhiem.ceremony.KeyFingerprint;
import vn.tinnhiem.crypto.Ceremony;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.SeededRandom;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.files.FileResult;
import vn.tinnhiem.shared.files.LaptopCommand;
import vn.tinnhiem.shared.files.Sha256;

/**
 * The offline unsealing as a teller runs it on the laptop: a separate Java process started like
 * {@code java -jar tinnhiem.jar decrypt-share ...} (main class, no Spring), the card and the answers typed
 * on its standard input (a handheld scanner types like a keyboard), the file it writes checked the way the
 * server will, and combined into the counts that were cast.
 */
class OfflineDecryptionProcessTests {

    private static final String PASS_3 = "Sông Lam chảy mãi 2026";
    private static final SecureRandom RNG = new SeededRandom("offline-decryption");

    private static OfflineFixtures.Conference conference;
    /** The cards of seats 1 and 2 (plain) and of seat 3 (under a passphrase). */
    private static List<String> cards;
    /** A card of another conference's key. */
    private static String otherCard;

    @TempDir
    Path dir;

    @BeforeAll
    static void conferenceAfterTheVote() {
        conference = OfflineFixtures.conference("42", 2, 3, 14, RNG);
        byte[] hash = conference.manifest().hash();
        cards = List.of(conference.dealing().card(1, hash, null, RNG), conference.dealing().card(2, hash, null, RNG),
                conference.dealing().card(3, hash, PASS_3.toCharArray(), RNG));
        try (Ceremony.Dealing other = Ceremony.deal(2, 3, RNG)) {
            var manifest = OfflineFixtures.manifest("57", other.electionKey(), other.commitments(), 2, 3);
            otherCard = other.card(1, manifest.hash(), null, RNG);
        }
    }

    @AfterAll
    static void forgetTheKey() {
        conference.dealing().close();
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // Pipes are not a terminal: say how the process's messages are encoded, whatever the locale.
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Dstderr.encoding=UTF-8");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("vn.tinnhiem.TinNhiemApplication");
        command.add("decrypt-share");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private Path totalsFile() throws IOException {
        Path file = dir.resolve(EncryptedTotalsFile.fileName("42"));
        if (!Files.exists(file)) {
            Files.write(file, conference.totals().toJsonBytes());
        }
        return file;
    }

    /** What the server does with the file: reads it against its own conference, manifest and totals. */
    private static PartialDecryption imported(Path file) throws IOException {
        var result = PartialDecryptionFile.read(Files.readAllBytes(file), ElectionId.of(42), conference.manifest(), conference.tally());
        assertThat(result).isInstanceOf(FileResult.Ok.class);
        return ((FileResult.Ok<PartialDecryption>) result).value();
    }

    private static void combinesToTheVotesCast(PartialDecryption offline, int otherSeat) {
        PartialDecryption inHall = Decryption.partial(conference.ctx(), conference.tally(),
                conference.dealing().shares().get(otherSeat - 1), RNG);
        var outcome = Decryption.combine(conference.ctx(), conference.tally(), List.of(offline, inHall));
        assertThat(outcome).isInstanceOf(Decryption.Decrypted.class);
        assertThat(conference.matches(((Decryption.Decrypted) outcome).counts())).isTrue();
        // k - 1 = 1 partial alone is refused.
        assertThat(Decryption.combine(conference.ctx(), conference.tally(), List.of(offline)))
                .isInstanceOf(Decryption.Refused.class);
    }

    @Test
    void a_good_card_gives_a_file_the_server_accepts_and_that_combines_to_the_votes_cast() throws Exception {
        Path out = dir.resolve("usb");
        Run run = run("c\n" + cards.get(0) + "\n", "--totals", totalsFile().toString(), "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Hội nghị: Hội nghị lấy phiếu tín nhiệm giữa nhiệm kỳ 2026 (mã 42)",
                "Tổng mã hóa của 14 phiếu, 3 người được lấy phiếu; cần 2 trong 3 thẻ để mở niêm phong.",
                "Dấu vân tay khóa bầu cử: " + KeyFingerprint.of(conference.manifest().electionKey()),
                "Mã băm tổng mã hóa (16 ký tự đầu): " + Sha256.shortForm(conference.totals().tallyHashHex()),
                "Thẻ hợp lệ: ghế số 1/3.", "Đã xóa phần khóa của thẻ khỏi bộ nhớ.",
                "Đã ghi tinnhiem-partial-decryption-42-seat1.json");
        // The card is the share itself: never echoed.
        assertThat(run.out()).doesNotContain("TN1S:", cards.get(0).substring(5, 30));

        Path file = out.resolve("tinnhiem-partial-decryption-42-seat1.json");
        PartialDecryption partial = imported(file);
        assertThat(partial.teller()).isEqualTo(1);
        combinesToTheVotesCast(partial, 2);
        assertThat(Files.readString(file)).doesNotContain(cards.get(0).substring(5, 30));

        // Run again for the same seat into the same folder: refused, the file untouched.
        byte[] before = Files.readAllBytes(file);
        Run again = run("c\n" + cards.get(0) + "\n", "--totals", totalsFile().toString(), "--out", out.toString());
        assertThat(again.exit()).isEqualTo(LaptopCommand.CANNOT_WRITE);
        assertThat(again.err()).contains("đã có tệp tinnhiem-partial-decryption-42-seat1.json", "không ghi đè");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void wrong_cards_are_refused_with_the_reason_and_the_teller_tries_again() throws Exception {
        Path out = dir.resolve("out");
        String damaged = cards.get(1).substring(0, 20) + (cards.get(1).charAt(20) == 'A' ? 'B' : 'A')
                + cards.get(1).substring(21);
        String stdin = "có lẽ\nc\n" + otherCard + "\n" + damaged + "\nhello\n" + cards.get(1) + "\n";
        Run run = run(stdin, "--totals", totalsFile().toString(), "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Hãy gõ c (có) hoặc k (không).",
                "Không dùng được thẻ: Thẻ của hội nghị khác, hoặc của lễ lập khóa trước đã bị hủy. Hãy thử lại.",
                "Không dùng được thẻ: Mã bị sai (thẻ hỏng hoặc gõ nhầm). Hãy thử lại.",
                "Không dùng được thẻ: Đây không phải thẻ khóa kiểm phiếu (mã phải bắt đầu bằng TN1S:). Hãy thử lại.",
                "Thẻ hợp lệ: ghế số 2/3.");
        combinesToTheVotesCast(imported(out.resolve("tinnhiem-partial-decryption-42-seat2.json")), 3);
    }

    @Test
    void a_passphrase_card_works_after_a_wrong_passphrase_is_refused() throws Exception {
        Path out = dir.resolve("out");
        String stdin = "c\n" + cards.get(2) + "\nkhông phải mật khẩu này\n" + PASS_3 + "\n";
        Run run = run(stdin, "--lang", "en", "--totals", totalsFile().toString(), "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Conference: Hội nghị lấy phiếu tín nhiệm giữa nhiệm kỳ 2026 (id 42)",
                "The card has a passphrase", "The card cannot be used: Wrong card passphrase. Try again.",
                "The card is good: seat 3/3.", "Written: tinnhiem-partial-decryption-42-seat3.json");
        assertThat(run.out()).doesNotContain(PASS_3);
        combinesToTheVotesCast(imported(out.resolve("tinnhiem-partial-decryption-42-seat3.json")), 1);
    }

    @Test
    void a_bad_totals_file_stops_with_exit_2_and_a_message_and_no_stack_trace() throws Exception {
        Path out = dir.resolve("out");
        Path bad = dir.resolve("totals.json");
        Files.writeString(bad, new String(conference.totals().toJsonBytes(), StandardCharsets.UTF_8)
                .replace("Hoàng Minh Đức", "Hoàng Minh Đực"));
        Run run = run("c\n" + cards.get(0) + "\n", "--totals", bad.toString(), "--out", out.toString());
        assertThat(run.exit()).isEqualTo(LaptopCommand.BAD_INPUT);
        assertThat(run.err()).contains("Không dùng được tệp tổng mã hóa",
                "Mã băm danh sách ghi trong tệp không khớp với nội dung danh sách").doesNotContain("Exception", "\tat ");
        assertThat(run.out()).doesNotContain("Quét mã QR");
        assertThat(out).doesNotExist();

        Files.write(bad, PartialDecryptionFile.write(conference.totals(), Decryption.partial(conference.ctx(),
                conference.tally(), conference.dealing().shares().get(0), RNG)));
        Run partial = run("", "--totals", bad.toString(), "--out", out.toString());
        assertThat(partial.exit()).isEqualTo(2);
        assertThat(partial.err()).contains("Tệp không phải tệp tổng mã hóa của TinNhiem");

        Files.writeString(bad, "{\"format\":\"tinnhiem-encrypted-totals/1\",");
        assertThat(run("", "--totals", bad.toString(), "--out", out.toString()).err())
                .contains("không phải tệp JSON hợp lệ");

        Run missing = run("", "--totals", dir.resolve("nowhere.json").toString(), "--out", out.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Không tìm thấy tệp tổng mã hóa");

        Run noArgs = run("", "--totals");
        assertThat(noArgs.exit()).isEqualTo(2);
        assertThat(noArgs.err()).contains("Tham số không hợp lệ hoặc thiếu: --totals", "Cách dùng:");

        Run help = run("", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("java -jar tinnhiem.jar decrypt-share --totals");
        assertThat(out).doesNotExist();
    }

    @Test
    void a_teller_who_does_not_confirm_or_has_no_card_writes_nothing() throws Exception {
        Path out = dir.resolve("out");
        Run declined = run("k\n", "--totals", totalsFile().toString(), "--out", out.toString());
        assertThat(declined.exit()).isEqualTo(LaptopCommand.ABORTED);
        assertThat(declined.err()).contains("thông tin không khớp với máy chủ", "Không có tệp nào được ghi.");

        Run stopped = run("c\n" + otherCard + "\n\n", "--totals", totalsFile().toString(), "--out", out.toString());
        assertThat(stopped.exit()).isEqualTo(LaptopCommand.ABORTED);
        assertThat(stopped.err()).contains("chưa đọc được thẻ. Không có tệp nào được ghi.");

        Run ended = run("c\n" + cards.get(2) + "\n", "--totals", totalsFile().toString(), "--out", out.toString());
        assertThat(ended.exit()).isEqualTo(LaptopCommand.ABORTED);
        assertThat(out).doesNotExist();
    }
}
