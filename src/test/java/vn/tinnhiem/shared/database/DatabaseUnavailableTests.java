package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A database that is not there: no server listens on its port (as when every node is down). The pool gives up
 * after its timeout; what reaches the user must say the database is unavailable, at once and without retries,
 * and a sign-in must not read as a wrong password ({@code LoginView} shows what {@link DatabaseFailure} says).
 */
class DatabaseUnavailableTests {

    private HikariDataSource nowhere;

    @BeforeEach
    void pointAtAClosedPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        nowhere = new HikariDataSource();
        nowhere.setJdbcUrl("jdbc:mariadb://127.0.0.1:" + port + "/tinnhiem");
        nowhere.setUsername("tinnhiem");
        nowhere.setPassword("unused");
        nowhere.setConnectionTimeout(500);
        // No connection at start: the pool starts, as the application's does, and fails when asked.
        nowhere.setInitializationFailTimeout(-1);
    }

    @AfterEach
    void close() {
        nowhere.close();
    }

    @Test
    void a_unit_on_a_database_that_is_down_fails_at_once_as_unavailable() {
        var transaction = new TransactionTemplate(new JdbcTransactionManager(nowhere));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> DatabaseRetry.inTransaction(transaction, status -> attempts.incrementAndGet()))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage(DatabaseUnavailableException.KEY);
        assertThat(attempts).hasValue(0);
    }

    @Test
    void a_sign_in_that_cannot_read_the_account_is_a_database_failure_not_a_wrong_password() {
        var reading = new TransactionTemplate(new JdbcTransactionManager(nowhere));
        reading.setReadOnly(true);
        JdbcTemplate jdbc = new JdbcTemplate(nowhere);
        var passwords = new DaoAuthenticationProvider(name -> reading.execute(status -> User.withUsername(name)
                .password(jdbc.queryForObject("SELECT password_hash FROM staff_account WHERE username = ?",
                        String.class, name))
                .roles("ADMIN").build()));

        assertThatThrownBy(() -> passwords.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated("organiser", "correct horse")))
                .isInstanceOf(AuthenticationServiceException.class)
                .satisfies(e -> assertThat(DatabaseFailure.of(e)).isEqualTo(DatabaseFailure.UNAVAILABLE));
    }
}
