package vn.tinnhiem.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.shared.files.FileResult;
import vn.tinnhiem.shared.files.LaptopCommand;
import vn.tinnhiem.shared.files.Sha256;
import vn.tinnhiem.support.Pdfs;

/**
 * The offline ceremony as the laptop's operator runs it: a separate Java process started like
 * {@code java -jar tinnhiem.jar ceremony ...} (main class, no Spring), answers typed on its standard
 * input, the cards and the key file checked afterwards the way the server and the tellers will.
 */
class OfflineCeremonyProcessTests {

    private static final String PASS_2 = "Hoa sen nở giữa hồ 2026";

    @TempDir
    Path dir;

    /** What a run left behind. */
    record Run(int exit, String out, String err, long millis) {
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
        command.add("ceremony");
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8),
                millis);
    }

    private Path requestFile(CeremonyRequest request) throws IOException {
        Path file = dir.resolve("tinnhiem-ceremony-request-42.json");
        Files.write(file, request.toJsonBytes());
        return file;
    }

    private static List<Path> cardFiles(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pdf")).sorted().toList();
        }
    }

    /** Checks the key file against the request and every card against the manifest; returns that manifest. */
    static Manifest checkOutput(CeremonyRequest request, Path out, List<char[]> passphrases) throws Exception {
        Path keyFile = out.resolve("tinnhiem-election-key-42.json");
        var parsed = ElectionKeyFile.parse(Files.readAllBytes(keyFile));
        assertThat(parsed).isInstanceOf(FileResult.Ok.class);
        ElectionKeyFile file = ((FileResult.Ok<ElectionKeyFile>) parsed).value();
        // The server rebuilds the manifest from its own conference and the file's public key.
        Manifest manifest = request.manifest(file.electionKey(), file.commitments());
        assertThat(file.against(manifest)).isInstanceOf(FileResult.Ok.class);
        assertThat(file.manifestHash()).isEqualTo(manifest.hashHex());

        List<Path> cards = cardFiles(out);
        assertThat(cards).hasSize(request.n());
        for (CeremonyRequest.Seat seat : request.tellers()) {
            Path card = out.resolve(OfflineCeremony.cardFileName(seat));
            assertThat(card).exists();
            byte[] pdf = Files.readAllBytes(card);
            String text = ShareCardPdfTests.scan(pdf).text();
            char[] pass = passphrases.get(seat.seat() - 1);
            assertThat(ShareCards.needsPassphrase(text)).isEqualTo(pass != null);
            var result = ShareCards.read(text, manifest, pass == null ? null : pass.clone());
            assertThat(result).isInstanceOf(ShareCards.Accepted.class);
            assertThat(((ShareCards.Accepted) result).share().index()).isEqualTo(seat.seat());
            assertThat(Pdfs.read(pdf).text()).contains(seat.name(), "Ghế số " + seat.seat() + "/" + request.n(),
                    KeyFingerprint.of(file.electionKey()));
        }
        return manifest;
    }

    @Test
    void the_offline_ceremony_writes_cards_that_verify_and_a_key_file_the_server_accepts() throws Exception {
        CeremonyRequest request = Requests.of(2, 3);
        Path out = dir.resolve("the cards");
        // Seat 1: no passphrase. Seat 2: "maybe" (asked again), yes, a short one (asked again), a
        // mismatch (asked again), then the passphrase twice. Seat 3: no.
        String stdin = "k\n" + "có lẽ\nc\nngắn quá\n" + PASS_2 + "\n" + PASS_2 + "x\n" + PASS_2 + "\n" + PASS_2 + "\n"
                + "không\n";
        Run run = run(stdin, "--request", requestFile(request).toString(), "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Hội nghị: Hội nghị lấy phiếu tín nhiệm giữa nhiệm kỳ 2026 (mã 42)",
                "Ghế số 1/3: Trần Văn Khải (Trưởng ban Kiểm phiếu)", "Ghế số 2/3: Nguyễn Thị Hồng Nhung",
                "Hãy gõ c (có) hoặc k (không).", "Mật khẩu quá ngắn: cần ít nhất 12 ký tự.",
                "Hai lần gõ không giống nhau.", "Đã ghi card-seat-2-nguyen-thi-hong-nhung.pdf",
                "Đã ghi tinnhiem-election-key-42.json");
        assertThat(run.out()).doesNotContain(PASS_2, "TN1S:");
        assertThat(cardFiles(out)).extracting(p -> p.getFileName().toString()).containsExactly(
                "card-seat-1-tran-van-khai.pdf", "card-seat-2-nguyen-thi-hong-nhung.pdf", "card-seat-3-le-duc-tho-ung.pdf");

        // The share cards and the folder made for them are the owner's alone (no other local user reads a share).
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (Path card : cardFiles(out)) {
            assertThat(Files.getPosixFilePermissions(card)).as(card.toString())
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }

        Manifest manifest = checkOutput(request, out, java.util.Arrays.asList(null, PASS_2.toCharArray(), null));
        assertThat(run.out()).contains("Dấu vân tay khóa bầu cử: " + KeyFingerprint.of(manifest.electionKey()),
                Sha256.shortForm(manifest.hashHex()));
        System.out.printf("offline ceremony n=3 (one passphrase): %d ms%n", run.millis());

        // Run again into the same folder: refused, and nothing there is touched.
        long before = Files.getLastModifiedTime(out.resolve("card-seat-1-tran-van-khai.pdf")).toMillis();
        Run again = run("k\nk\nk\n", "--request", requestFile(request).toString(), "--out", out.toString());
        assertThat(again.exit()).isEqualTo(LaptopCommand.CANNOT_WRITE);
        assertThat(again.err()).contains("không trống");
        assertThat(Files.getLastModifiedTime(out.resolve("card-seat-1-tran-van-khai.pdf")).toMillis())
                .isEqualTo(before);
        checkOutput(request, out, java.util.Arrays.asList(null, PASS_2.toCharArray(), null));
    }

    @Test
    void a_bad_request_file_stops_with_exit_2_and_a_vietnamese_message_and_no_stack_trace() throws Exception {
        Path bad = dir.resolve("request.json");
        Files.writeString(bad, Requests.of(2, 3).toJson().replace("\"k\":2", "\"k\":5"));
        Path out = dir.resolve("out");
        Run run = run("", "--request", bad.toString(), "--out", out.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Không dùng được tệp yêu cầu", "cần 1 ≤ k ≤ n ≤ 255, tệp ghi k = 5, n = 3")
                .doesNotContain("Exception", "\tat ");
        assertThat(out).doesNotExist();

        Files.writeString(bad, "{\"format\":\"tinnhiem-election-key/1\"}");
        Run keyFile = run("", "--request", bad.toString(), "--out", out.toString());
        assertThat(keyFile.exit()).isEqualTo(2);
        assertThat(keyFile.err()).contains("Tệp không phải tệp yêu cầu lập khóa của TinNhiem.");

        byte[] huge = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        Files.write(bad, huge);
        Run tooLarge = run("", "--request", bad.toString(), "--out", out.toString());
        assertThat(tooLarge.exit()).isEqualTo(2);
        assertThat(tooLarge.err()).contains("Tệp quá lớn (10.240 KB)");

        Run missing = run("", "--request", dir.resolve("nowhere.json").toString(), "--out", out.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Không tìm thấy tệp yêu cầu");

        Run noArgs = run("", "--request");
        assertThat(noArgs.exit()).isEqualTo(2);
        assertThat(noArgs.err()).contains("Tham số không hợp lệ hoặc thiếu: --request", "Cách dùng:");

        Run english = run("", "--lang", "en", "--request", dir.resolve("nowhere.json").toString(), "--out",
                out.toString());
        assertThat(english.err()).contains("The request file").contains("was not found");

        Run help = run("", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("java -jar tinnhiem.jar ceremony --request", "ít nhất 12 ký tự");
    }

    @Test
    void answers_that_end_early_write_nothing() throws Exception {
        Path out = dir.resolve("out");
        Run run = run("k\nc\n" + PASS_2 + "\n", "--request", requestFile(Requests.of(2, 3)).toString(), "--out",
                out.toString());
        assertThat(run.exit()).isEqualTo(LaptopCommand.ABORTED);
        assertThat(run.err()).contains("Không có tệp nào được ghi.");
        assertThat(out).doesNotExist();
    }

    /** Wall-clock times for the closing note: n = 3 and n = 15, without and with passphrases. */
    @Test
    @Tag("benchmark")
    void time_of_the_offline_ceremony() throws Exception {
        for (int n : new int[] {3, 15}) {
            for (boolean withPassphrases : new boolean[] {false, true}) {
                CeremonyRequest request = Requests.of(Math.min(n, n / 2 + 1), n);
                Path out = dir.resolve("n" + n + "-" + withPassphrases);
                String answer = withPassphrases ? "c\n" + PASS_2 + "\n" + PASS_2 + "\n" : "k\n";
                Run run = run(answer.repeat(n), "--request", requestFile(request).toString(), "--out", out.toString());
                assertThat(run.exit()).as(run.err()).isZero();
                List<char[]> passes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    passes.add(withPassphrases ? PASS_2.toCharArray() : null);
                }
                checkOutput(request, out, passes);
                long bytes = 0;
                for (Path card : cardFiles(out)) {
                    bytes += Files.size(card);
                }
                System.out.printf("offline ceremony n=%d k=%d passphrases=%s: %d ms wall clock, cards %d bytes each%n",
                        n, request.k(), withPassphrases, run.millis(), bytes / n);
                Files.delete(requestFile(request));
            }
        }
    }
}
