package vn.tinnhiem.shared.database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting the embedded mariadbd runs with, all on its command line after {@code --no-defaults}, so
 * no option file on the machine can change one. Several are promises docs/security.md makes (data at rest
 * encrypted, the redo log too, no statement kept outside the tables, no file outside {@code files/},
 * loopback only): a change here is a change to those promises, and EmbeddedMariaDbIntegrationTests
 * reads them back from the running server.
 */
final class MariaDbOptions {

    private MariaDbOptions() {
    }

    /** The server's full command line, for this folder and port, with these encryption settings. */
    static List<String> serverCommand(Path server, MariaDbFolder folder, int port, List<String> encryption) {
        List<String> command = new ArrayList<>();
        command.add(server.toString());
        command.add("--no-defaults");
        command.add("--datadir=" + folder.data());
        command.add("--tmpdir=" + folder.tmp());
        command.add("--socket=" + folder.socket());
        command.add("--port=" + port);
        command.add("--pid-file=" + folder.pidFile());
        command.add("--log-error=" + folder.errorLog());
        command.add("--user=" + System.getProperty("user.name"));
        command.add("--bind-address=127.0.0.1");
        command.add("--character-set-server=utf8mb4");
        command.add("--collation-server=utf8mb4_unicode_ci");
        command.add("--default-storage-engine=InnoDB");
        command.add("--innodb-buffer-pool-size=64M");
        command.add("--skip-name-resolve");
        command.add("--performance-schema=OFF");
        // Statements (and what they carry) leave no copy outside the tables, and no file outside files/.
        command.add("--skip-log-bin");
        command.add("--general-log=0");
        command.add("--slow-query-log=0");
        command.add("--secure-file-priv=" + folder.files());
        command.add("--local-infile=0");
        // The list of pages in memory, written at shutdown, is of no use to a hall and one more file to copy.
        command.add("--innodb-buffer-pool-dump-at-shutdown=OFF");
        command.add("--innodb-buffer-pool-load-at-startup=OFF");
        // No TLS on the loopback: it would guard nothing the machine's root cannot read anyway.
        command.add("--skip-ssl");
        command.addAll(encryption);
        return command;
    }

    /**
     * Data at rest encrypted: every InnoDB tablespace (FORCE: a table cannot even be created in clear),
     * the redo log, InnoDB's temporary tablespace, the server's temporary files and on-disk temporary
     * tables. One background thread encrypts what is not yet (the system tablespace with its undo log).
     * The installer gets the same settings, so a new folder is encrypted from its first page.
     */
    static List<String> encryption(DatabaseKey key) {
        return List.of(
                "--plugin-load-add=file_key_management",
                "--file-key-management-filename=" + key.file(),
                "--file-key-management-encryption-algorithm=AES_CTR",
                "--innodb-encrypt-tables=FORCE",
                "--innodb-encrypt-log=ON",
                "--innodb-encrypt-temporary-tables=ON",
                "--innodb-encryption-threads=1",
                "--encrypt-tmp-files=ON",
                "--encrypt-tmp-disk-tables=ON",
                "--aria-encrypt-tables=ON");
    }
}
