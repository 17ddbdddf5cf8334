package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** A failed start says what went wrong and what to do; a data folder from before the accounts still starts. */
// Needs the embedded server itself (its bean, folder or root account): runs on it, never on the cluster.
@Tag("embedded-server")
class EmbeddedMariaDbTests {

    @TempDir
    Path temp;

    @Test
    void a_taken_port_is_named_with_the_setting_that_changes_it() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedMariaDb.start(temp.resolve("db"), taken.getLocalPort(), temp.resolve("keys")))
                    .isInstanceOf(EmbeddedDatabaseException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("--tinnhiem.db.port");
        }
    }

    @Test
    void a_data_folder_that_cannot_be_made_is_named_with_the_setting_that_changes_it() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> EmbeddedMariaDb.start(file.resolve("db"), 0, temp.resolve("keys")))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining(file.resolve("db").toString())
                .hasMessageContaining("--tinnhiem.db.data-dir");
    }

    @Test
    void the_credentials_file_is_never_printed_and_holds_what_was_written() throws IOException {
        var credentials = DatabaseCredentials.generate("tinnhiem");
        assertThat(credentials.toString()).doesNotContain(credentials.rootPassword(), credentials.appPassword());
        Path file = temp.resolve(DatabaseCredentials.FILE_NAME);
        credentials.write(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(DatabaseCredentials.read(file)).contains(credentials);
    }

    /**
     * Deleting the credentials file has the accounts set up again with new passwords, and the data
     * stays; a file that does not open the folder (restored from another copy) is named, with what to do.
     */
    @Test
    void a_folder_keeps_its_data_when_its_credentials_file_is_replaced_or_deleted() throws Exception {
        Path folder = temp.resolve("db");
        Path keys = temp.resolve("keys");
        EmbeddedMariaDb server = EmbeddedMariaDb.start(folder, 0, keys);
        String credentials;
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.credentialsFile())))
                    .isEqualTo("rw-------");
            credentials = Files.readString(server.credentialsFile());
            assertThat(folder.resolve("set-up.sql")).doesNotExist();
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(""), "root", "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("Access denied for user 'root'");
            writeRow(server);
        } finally {
            server.release();
        }

        DatabaseCredentials.generate("tinnhiem").write(folder.resolve(DatabaseCredentials.FILE_NAME));
        assertThatThrownBy(() -> EmbeddedMariaDb.start(folder, 0, keys))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("do not open the embedded database")
                .hasMessageContaining("delete the file");
        Files.delete(folder.resolve(DatabaseCredentials.FILE_NAME));
        EmbeddedMariaDb reset = EmbeddedMariaDb.start(folder, 0, keys);
        try {
            assertThat(Files.readString(reset.credentialsFile())).isNotEqualTo(credentials);
            assertThat(readRow(reset)).isEqualTo("từ trước");
        } finally {
            reset.release();
        }
    }

    /** The board's key is what opens the folder: without it, or with another, the start says so. */
    @Test
    void a_folder_does_not_start_without_its_key_and_the_key_never_lies_inside_the_data_folder() throws Exception {
        Path folder = temp.resolve("db");
        Path keys = temp.resolve("keys");
        EmbeddedMariaDb server = EmbeddedMariaDb.start(folder, 0, keys);
        try {
            writeRow(server);
        } finally {
            server.release();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(DatabaseKey.FILE_NAME))))
                .isEqualTo("rw-------");

        assertThatThrownBy(() -> EmbeddedMariaDb.start(folder, 0, temp.resolve("no-keys")))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("key of the encrypted data folder is missing")
                .hasMessageContaining("--tinnhiem.keys.dir");
        Path other = Files.createDirectories(temp.resolve("other-keys"));
        Files.writeString(other.resolve(DatabaseKey.FILE_NAME), "1;" + "ab".repeat(32) + "\n");
        assertThatThrownBy(() -> EmbeddedMariaDb.start(folder, 0, other))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("stopped while starting");
        assertThatThrownBy(() -> EmbeddedMariaDb.start(folder, 0, folder.resolve("keys")))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("inside the data folder");

        EmbeddedMariaDb again = EmbeddedMariaDb.start(folder, 0, keys);
        try {
            assertThat(readRow(again)).isEqualTo("từ trước");
        } finally {
            again.release();
        }
    }

    /**
     * An application killed with kill -9 leaves its mariadbd running on the folder (holding its lock):
     * the next start stops that server and starts its own, and the data is all there.
     */
    @Test
    void a_server_left_running_by_a_killed_application_is_stopped_and_the_next_start_succeeds() throws Exception {
        Path folder = temp.resolve("db");
        Path keys = temp.resolve("keys");
        EmbeddedMariaDb orphan = EmbeddedMariaDb.start(folder, 0, keys);
        writeRow(orphan);
        long orphanPid = orphan.pid();
        // What kill -9 of the application leaves: the server runs on, and no one in this JVM knows it.
        EmbeddedMariaDb.RUNNING.remove(folder.toAbsolutePath().normalize());
        EmbeddedMariaDb next = EmbeddedMariaDb.start(folder, 0, keys);
        try {
            assertThat(next.pid()).isNotEqualTo(orphanPid);
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(readRow(next)).isEqualTo("từ trước");
        } finally {
            next.release();
        }
    }

    /** A folder made by the MariaDB 11.4 that earlier versions bundled cannot be opened by 10.11: said plainly. */
    @Test
    void a_folder_made_by_a_newer_server_is_refused_with_what_to_do() throws Exception {
        Path data = Files.createDirectories(temp.resolve("db").resolve("data").resolve("mysql")).getParent();
        Files.writeString(data.resolve("mysql_upgrade_info"), "11.4.5-MariaDB");
        assertThatThrownBy(() -> EmbeddedMariaDb.start(temp.resolve("db"), 0, temp.resolve("keys")))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("made by MariaDB 11.4.5")
                .hasMessageContaining("--tinnhiem.db.data-dir");
        assertThat(MariaDbInstallation.compareVersions("10.11.19-MariaDB", "10.11.19")).isZero();
        assertThat(MariaDbInstallation.compareVersions("10.6.2", "10.11.19")).isNegative();
    }

    private static void writeRow(EmbeddedMariaDb server) throws SQLException {
        String url = server.createDatabase("old_app");
        try (Connection c = DriverManager.getConnection(url, "root", server.rootPassword())) {
            c.createStatement().execute("CREATE TABLE kept (note VARCHAR(50) NOT NULL)");
            c.createStatement().execute("INSERT INTO kept VALUES ('từ trước')");
        }
    }

    private static String readRow(EmbeddedMariaDb server) throws SQLException {
        String url = server.createDatabase("old_app");
        try (Connection c = DriverManager.getConnection(url, server.appUser(), server.appPassword());
                var rows = c.createStatement().executeQuery("SELECT note FROM kept")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
