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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import vn.tinnhiem.support.IntegrationTest;

/**
 * The embedded server the application runs on trusts no one on the machine: checked on the running
 * server of the test context, with the application's own connections.
 */
@IntegrationTest
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
        var result = client(server.dataDir().resolve(EmbeddedMariaDb.SOCKET), "root", "SELECT 1");
        System.out.println("Passwordless root through the socket: " + result);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("Access denied for user 'root'@'localhost' (using password: NO)");
    }

    @Test
    void the_application_cannot_write_or_read_files_through_the_server() {
        Path target = server.dataDir().resolve(EmbeddedMariaDb.FILES).resolve("leak-" + System.nanoTime() + ".txt");
        assertThatThrownBy(() -> db.execute("SELECT 'x' INTO OUTFILE '" + target + "'"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("Access denied for user '" + server.appUser() + "'");
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
        assertThat(Path.of(settings.get(5, String.class))).isEqualTo(server.dataDir().resolve(EmbeddedMariaDb.FILES));
        assertThat(Path.of(settings.get(6, String.class))).isEqualTo(server.dataDir().resolve(EmbeddedMariaDb.SOCKET));
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

    /** The bundled command-line client, as a local user would run it: no password given. */
    static ClientResult client(Path socket, String user, String sql) throws IOException, InterruptedException {
        Path base = socket.getParent().resolve("server");
        Path binary;
        try (var found = Files.walk(base)) {
            binary = found.filter(p -> p.getFileName().toString().equals("mariadb") && Files.isExecutable(p)
                    && p.getParent().getFileName().toString().equals("bin")).findFirst().orElseThrow();
        }
        var process = new ProcessBuilder(binary.toString(), "--no-defaults", "--skip-ssl", "-S", socket.toString(), "-u", user,
                "-e", sql).redirectErrorStream(true);
        process.environment().put("LD_LIBRARY_PATH", binary.getParent().resolveSibling("libs").toString());
        Process p = process.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new ClientResult(p.exitValue(), output);
    }
}
