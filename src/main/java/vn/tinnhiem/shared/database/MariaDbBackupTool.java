package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's {@code mariadb-backup}, run as a child process with its output in a log file. It copies InnoDB's
 * pages and redo log as they are on disk, so what it writes is as encrypted as the data folder; it needs
 * the key only to prepare a copy (to apply the redo log), never to take it. Passwords reach it in an option
 * file, never on its command line, where {@code ps} would show them.
 */
final class MariaDbBackupTool {

    private static final List<String> CANDIDATES = List.of("/usr/bin/mariadb-backup", "/usr/local/bin/mariadb-backup",
            "/usr/bin/mariabackup");

    private final Path binary;

    private MariaDbBackupTool(Path binary) {
        this.binary = binary;
    }

    static MariaDbBackupTool find() {
        for (String candidate : CANDIDATES) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return new MariaDbBackupTool(path);
            }
        }
        throw new BackupRefused("backup.error.noTool", String.join(", ", CANDIDATES));
    }

    /**
     * Runs {@code mariadb-backup --defaults-file=OPTIONS ARGS...}, appending its output to {@code log}; a
     * non-zero exit is a {@link BackupRefused} that names the log and its last line.
     */
    void run(Path options, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        // Must come first; it also keeps the machine's /etc/mysql (a Galera node's, say) out of a prepare.
        command.add("--defaults-file=" + options);
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            process.getOutputStream().close();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new BackupRefused("backup.error.toolFailed", args.getFirst(), exit, log, lastError(log));
            }
        } catch (IOException e) {
            throw new BackupRefused("backup.error.toolFailed", args.getFirst(), -1, log, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupRefused("backup.error.toolFailed", args.getFirst(), -1, log, "interrupted");
        }
    }

    /** The last line that says ERROR (or the last line): what went wrong, for the operator. */
    private static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains("ERROR") || lines.get(i).contains("rror:")) {
                    return lines.get(i).strip();
                }
            }
            return lines.isEmpty() ? "" : lines.getLast().strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
