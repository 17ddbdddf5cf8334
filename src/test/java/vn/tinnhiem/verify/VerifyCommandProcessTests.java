package vn.tinnhiem.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tinnhiem.crypto.BallotKind;

/** {@code java -jar … verify FILE} as a separate process: no Spring, one line per check, the exit status. */
class VerifyCommandProcessTests {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Dstderr.encoding=UTF-8");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("vn.tinnhiem.TinNhiemApplication");
        command.add("verify");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void a_genuine_record_passes_with_one_line_per_check_in_both_languages_and_exit_0() throws Exception {
        var r = Records.genuine(3, BallotKind.THREE_LEVEL, "QD_96_2023", 2, 3, 5, true, new SecureRandom());
        Path file = dir.resolve("tinnhiem-election-record-42.json");
        Files.write(file, r.bytes());

        Run run = run(file.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<String> checks = run.out().lines().filter(l -> l.startsWith("✔") || l.startsWith("✘")).toList();
        assertThat(checks).hasSize(RecordVerifier.CHECKS.size()).allMatch(l -> l.startsWith("✔ "));
        assertThat(checks.get(3)).isEqualTo(
                "✔ Chứng minh của mọi phiếu được đếm: 5 phiếu, mọi chứng minh đều đúng / Proofs of every counted ballot: 5 ballots, every proof holds");
        assertThat(run.out()).contains("… đã kiểm tra 5/5 phiếu / 5/5 ballots checked")
                .contains("Mọi phép kiểm tra đều đúng. / Every check holds.");
        // Spring never started: no banner, no log lines.
        assertThat(run.out() + run.err()).doesNotContain("Spring").doesNotContain("INFO");
    }

    @Test
    void a_tampered_record_names_the_failing_check_and_exits_1() throws Exception {
        var r = Records.genuine(2, BallotKind.THREE_LEVEL, "QD_96_2023", 2, 3, 4, false, new SecureRandom());
        r.rows.get(1).band = r.rows.get(1).band.equals("NONE") ? "TWO_THIRDS" : "NONE";
        Path file = dir.resolve("record.json");
        Files.write(file, r.bytes());

        Run run = run("--lang", "en", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().lines().filter(l -> l.startsWith("✘")).toList()).singleElement().asString()
                .startsWith("✘ Results, percentages and bands: “results.candidates[1].band” says");
        assertThat(run.out()).contains("A check fails: this record cannot be trusted.").doesNotContain("Mọi");
    }

    @Test
    void a_file_that_is_not_a_record_fails_the_first_check_and_a_missing_file_exits_2() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "không phải JSON");
        Run notJson = run("--lang", "vi", file.toString());
        assertThat(notJson.exit()).isEqualTo(1);
        assertThat(notJson.out()).contains("✘ Tệp đọc được: Không phải JSON chuẩn tắc hợp lệ (lỗi ở byte 0 trên 18)");

        Run missing = run(dir.resolve("absent.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.out()).contains("✘ Không đọc được tệp").contains("Cannot read the file");

        assertThat(run().exit()).isEqualTo(2);
    }
}
