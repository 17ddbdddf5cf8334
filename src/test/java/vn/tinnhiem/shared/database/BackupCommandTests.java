package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore commands' answers to bad input, without a server: each is refused with exit code 2,
 * in Vietnamese (English with --lang en), and nothing is written.
 */
class BackupCommandTests {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(Object... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        String[] text = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int exit = BackupCommand.run(text, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void help_names_every_option_in_both_languages() {
        Run vi = run("backup", "--help");
        assertThat(vi.exit()).isZero();
        assertThat(vi.out()).contains("java -jar tinnhiem.jar backup --to THƯ-MỤC", "--keys-to", "--anchors-to",
                "--galera-info", "Mã thoát");
        Run en = run("restore", "--help", "--lang", "en");
        assertThat(en.out()).contains("java -jar tinnhiem.jar restore --from FOLDER", "--anchors-from", "--datadir",
                "Exit codes");
    }

    @Test
    void an_unknown_or_incomplete_option_is_refused_with_the_usage() {
        Run unknown = run("backup", "--to", dir.resolve("b"), "--everything");
        assertThat(unknown.exit()).isEqualTo(BackupCommand.REFUSED);
        assertThat(unknown.err()).contains("Tham số không hợp lệ hoặc thiếu giá trị: --everything", "Cách dùng");
        Run missing = run("backup", "--lang", "en");
        assertThat(missing.exit()).isEqualTo(BackupCommand.REFUSED);
        assertThat(missing.err()).contains("The option --to is missing.");
        Run noValue = run("restore", "--from");
        assertThat(noValue.exit()).isEqualTo(BackupCommand.REFUSED);
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void a_backup_of_a_folder_with_no_server_running_writes_nothing() throws Exception {
        Path data = Files.createDirectories(dir.resolve("mariadb/data"));
        Files.writeString(dir.resolve("mariadb/credentials.cnf"), "[client]\nuser=root\npassword=x\n");
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("database.key"), "1;" + "ab".repeat(32) + "\n");
        Run stopped = run("backup", "--to", dir.resolve("b"), "--data-dir", data.getParent(), "--keys-dir", keys,
                "--lang", "en");
        assertThat(stopped.exit()).isEqualTo(BackupCommand.REFUSED);
        assertThat(stopped.err()).contains("is not running (no mariadb.sock)");
        Run notData = run("backup", "--to", dir.resolve("b"), "--data-dir", keys, "--keys-dir", keys);
        assertThat(notData.err()).contains("không phải thư mục dữ liệu của máy chủ nhúng");
        Run inData = run("backup", "--to", data.resolve("b"), "--data-dir", data.getParent(), "--keys-dir", keys);
        assertThat(inData.err()).contains("trong thư mục dữ liệu");
        Run inKeys = run("backup", "--to", keys.resolve("b"), "--data-dir", data.getParent(), "--keys-dir", keys);
        assertThat(inKeys.err()).contains("bản sao lưu không bao giờ được cất cùng khóa");
        assertThat(dir.resolve("b")).doesNotExist();
        assertThat(data.resolve("b")).doesNotExist();
        assertThat(keys.resolve("b")).doesNotExist();
    }

    @Test
    void a_restore_checks_the_backup_the_key_and_the_anchor_file_before_writing() throws Exception {
        Path backup = Files.createDirectories(dir.resolve("backup/database"));
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("database.key"), "1;" + "cd".repeat(32) + "\n");
        Path target = dir.resolve("restored");
        Run notABackup = run("restore", "--from", backup.getParent(), "--data-dir", target, "--keys-dir", keys);
        assertThat(notABackup.exit()).isEqualTo(BackupCommand.REFUSED);
        assertThat(notABackup.err()).contains("không phải bản sao lưu do lệnh backup tạo ra");

        String print = KeyFileFingerprints.of(keys.resolve("database.key")).orElseThrow();
        new BackupManifest(java.time.Instant.now(), "10.11", print, "0".repeat(64), true, false)
                .write(backup.getParent());
        Run noToken = run("restore", "--from", backup.getParent(), "--data-dir", target, "--keys-dir", keys);
        assertThat(noToken.err()).contains("Không tìm thấy khóa thẻ");
        Files.writeString(keys.resolve("token-hash.key"), "another");
        Run wrongToken = run("restore", "--from", backup.getParent(), "--data-dir", target, "--keys-dir", keys,
                "--lang", "en");
        assertThat(wrongToken.err()).contains("is not this backup's (fingerprint");

        new BackupManifest(java.time.Instant.now(), "10.11", print, null, true, false).write(backup.getParent());
        Path anchors = Files.writeString(dir.resolve("anchors.txt"), "already here");
        Files.createDirectories(dir.resolve("anchor-copy"));
        Files.writeString(dir.resolve("anchor-copy/anchors.txt"), "copy");
        Run anchorsThere = run("restore", "--from", backup.getParent(), "--data-dir", target, "--keys-dir", keys,
                "--anchors-from", dir.resolve("anchor-copy"), "--anchor-file", anchors, "--lang", "en");
        assertThat(anchorsThere.exit()).isEqualTo(BackupCommand.REFUSED);
        assertThat(anchorsThere.err()).contains("The anchor file " + anchors + " exists already");
        assertThat(Files.readString(anchors)).isEqualTo("already here");
        assertThat(target).doesNotExist();
    }
}
