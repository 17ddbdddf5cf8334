package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import vn.tinnhiem.support.IntegrationTest;

/**
 * The embedded server the application runs on trusts no one on the machine: checked on the running
 * server of the test context, with the application's own connections.
 */
@IntegrationTest
// Needs the embedded server itself (its bean, folder or root account): runs on it, never on the cluster.
@Tag("embedded-server")
class EmbeddedMariaDbIntegrationTests {

    @Autowired
    EmbeddedMariaDb server;
    @Autowired
    DSLContext db;

    @Test
    void a_passwordless_root_connection_over_tcp_is_refused() {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(""), "root", "").close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    System.out.println("Passwordless root over TCP: " + e.getErrorCode() + " " + e.getMessage());
                    assertThat(e.getErrorCode()).isEqualTo(1045);
                    assertThat(e.getMessage()).contains("Access denied for user 'root'");
                });
    }

    @Test
    void a_passwordless_root_login_through_the_socket_is_refused_even_for_the_machines_root() throws Exception {
        // The installer gives root a unix-socket login: the machine's root (or whoever runs the service
        // as "root") would get in without a password. The set-up takes that login away.
        var result = client(server.dataDir().resolve(MariaDbFolder.SOCKET), "root", "SELECT 1");
        System.out.println("Passwordless root through the socket: " + result);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("Access denied for user 'root'@'localhost' (using password: NO)");
    }

    @Test
    void the_application_cannot_write_or_read_files_through_the_server() {
        Path target = server.dataDir().resolve(MariaDbFolder.FILES).resolve("leak-" + System.nanoTime() + ".txt");
        assertThatThrownBy(() -> db.execute("SELECT 'x' INTO OUTFILE '" + target + "'"))
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("Access denied");
        assertThat(target).doesNotExist();
        assertThat(db.fetchValue("SELECT LOAD_FILE('/etc/passwd')")).isNull();
    }

    @Test
    void the_application_account_reaches_its_own_database_only() {
        assertThatThrownBy(() -> db.fetch("SELECT user FROM mysql.global_priv"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("SELECT command denied");
        String grants = String.join("\n", db.fetch("SHOW GRANTS").getValues(0, String.class));
        assertThat(grants).doesNotContain("ALL PRIVILEGES", " FILE", "SUPER", "PROCESS")
                .contains("ON `tinnhiem\\_test`.*");
    }

    /** The running application reads and writes rows; the schema is the migrations' alone (run as root). */
    @Test
    void the_application_account_cannot_change_the_schema() {
        String grants = String.join("\n", db.fetch("SHOW GRANTS").getValues(0, String.class));
        assertThat(grants).contains("GRANT SELECT, INSERT, UPDATE, DELETE ON `tinnhiem\\_test`.*")
                .doesNotContain("CREATE", "ALTER", "DROP", "TRIGGER", "INDEX");
        assertThatThrownBy(() -> db.execute("""
                CREATE TRIGGER stamp BEFORE INSERT ON ballot FOR EACH ROW SET @at = NOW(6)"""))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("denied");
        assertThatThrownBy(() -> db.execute("ALTER TABLE ballot ADD COLUMN cast_at DATETIME(6)"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("denied");
        assertThatThrownBy(() -> db.execute("CREATE TABLE shadow (id INT)"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("denied");
        assertThatThrownBy(() -> db.execute("DROP TABLE ballot"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("denied");
    }

    /**
     * Every tablespace, the redo log and the temporary files are encrypted under the key in the keys
     * folder, and a table cannot even be made in clear; the key is not in the data folder.
     */
    @Test
    void the_data_at_rest_is_encrypted_under_a_key_kept_outside_the_data_folder() throws Exception {
        var root = DatabaseCredentials.read(server.credentialsFile()).orElseThrow();
        try (var c = DriverManager.getConnection(server.jdbcUrl("tinnhiem_test"), "root", root.rootPassword());
                var st = c.createStatement()) {
            var settings = st.executeQuery("""
                    SELECT @@innodb_encrypt_tables, @@innodb_encrypt_log, @@encrypt_tmp_files,
                           @@innodb_encrypt_temporary_tables, @@file_key_management_filename""");
            settings.next();
            assertThat(settings.getString(1)).isEqualTo("FORCE");
            assertThat(settings.getInt(2)).isEqualTo(1);
            assertThat(settings.getInt(3)).isEqualTo(1);
            assertThat(settings.getInt(4)).isEqualTo(1);
            Path key = Path.of(settings.getString(5));
            assertThat(key.startsWith(server.dataDir())).isFalse();
            var clear = st.executeQuery("""
                    SELECT COUNT(*) FROM information_schema.innodb_tablespaces_encryption t
                     WHERE t.name LIKE 'tinnhiem\\_test/%' AND t.encryption_scheme = 0""");
            clear.next();
            assertThat(clear.getInt(1)).as("tablespaces of the application in clear").isZero();
            var ours = st.executeQuery("""
                    SELECT COUNT(*) FROM information_schema.innodb_tablespaces_encryption t
                     WHERE t.name LIKE 'tinnhiem\\_test/%' AND t.encryption_scheme = 1""");
            ours.next();
            assertThat(ours.getInt(1)).as("the application's tablespaces, encrypted").isGreaterThan(10);
            assertThatThrownBy(() -> st.execute("CREATE TABLE tinnhiem_test.in_clear (id INT) ENCRYPTED=NO"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(Files.list(server.dataDir().resolve("data")).map(p -> p.getFileName().toString()))
                .doesNotContain("database.key", "token-hash.key");
    }

    @Test
    void the_server_runs_with_grant_tables_no_statement_logs_and_files_confined_to_its_folder() {
        var settings = db.fetchOne("""
                SELECT @@skip_grant_tables, @@log_bin, @@general_log, @@slow_query_log, @@local_infile,
                       @@secure_file_priv, @@socket
                """);
        assertThat(settings.get(0, Long.class)).isZero();
        assertThat(settings.get(1, Long.class)).isZero();
        assertThat(settings.get(2, Long.class)).isZero();
        assertThat(settings.get(3, Long.class)).isZero();
        assertThat(settings.get(4, Long.class)).isZero();
        assertThat(Path.of(settings.get(5, String.class))).isEqualTo(server.dataDir().resolve(MariaDbFolder.FILES));
        assertThat(Path.of(settings.get(6, String.class))).isEqualTo(server.dataDir().resolve(MariaDbFolder.SOCKET));
    }

    @Test
    void the_credentials_file_and_the_data_folder_are_the_service_users_only() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.credentialsFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.dataDir())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(server.credentialsFile())).contains("[client]", "user=root", "[tinnhiem]");
    }

    record ClientResult(int exitCode, String output) {
    }

    /** The system's command-line client, as a local user would run it: no password given. */
    static ClientResult client(Path socket, String user, String sql) throws IOException, InterruptedException {
        var process = new ProcessBuilder("/usr/bin/mariadb", "--no-defaults", "--skip-ssl", "-S", socket.toString(),
                "-u", user, "-e", sql).redirectErrorStream(true);
        Process p = process.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new ClientResult(p.exitValue(), output);
    }
}
