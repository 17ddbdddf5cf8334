package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.RootDatabase;

/**
 * {@link DatabaseRetry} against real failures of the embedded MariaDB: a real deadlock (two connections locking
 * two rows in opposite order; InnoDB rolls back the lighter one with 1213, as Galera's certification failure
 * does at commit), a lock held past the lock wait timeout (1205), a connection killed in the middle of a unit.
 * The units run in a scratch database of their own, through Spring's JDBC transaction manager (the translation
 * the application's exceptions go through), so they touch none of the application's tables.
 */
@IntegrationTest
@Tag("embedded-server")
class DatabaseRetryIntegrationTests {

    private static final String SCRATCH = "tinnhiem_retry_scratch";

    @Autowired
    EmbeddedMariaDb server;

    private HikariDataSource units;
    private TransactionTemplate transaction;
    private JdbcTemplate jdbc;

    @BeforeEach
    void scratchTables() throws SQLException {
        try (Connection root = RootDatabase.open(server, SCRATCH); Statement s = root.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS counter (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB");
            s.execute("CREATE TABLE IF NOT EXISTS filler (id INT PRIMARY KEY) ENGINE=InnoDB");
            s.execute("DELETE FROM counter");
            s.execute("DELETE FROM filler");
            s.execute("INSERT INTO counter VALUES (1, 0), (2, 0)");
            root.commit();
        }
        units = new HikariDataSource();
        // A short lock wait for these units only, so that a held lock times out (1205) within a second.
        units.setJdbcUrl(server.jdbcUrl(SCRATCH) + "?sessionVariables=innodb_lock_wait_timeout=1");
        units.setUsername("root");
        units.setPassword(RootDatabase.password(server));
        units.setMaximumPoolSize(2);
        transaction = new TransactionTemplate(new JdbcTransactionManager(units));
        jdbc = new JdbcTemplate(units);
    }

    @AfterEach
    void closePool() {
        units.close();
    }

    @Test
    void a_unit_that_loses_a_deadlock_is_run_again_and_its_writes_are_stored_once() throws Exception {
        CountDownLatch unitHoldsRow1 = new CountDownLatch(1);
        CountDownLatch otherHoldsRow2 = new CountDownLatch(1);
        long deadlocksBefore = deadlocks();
        // The other transaction locks row 2, then row 1: the opposite order. It has written many rows first, so
        // InnoDB rolls back the unit, the cheaper of the two, when the cycle closes.
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            try (Connection root = RootDatabase.open(server, SCRATCH); Statement s = root.createStatement()) {
                for (int i = 1; i <= 300; i++) {
                    s.addBatch("INSERT INTO filler VALUES (" + i + ")");
                }
                s.executeBatch();
                s.execute("UPDATE counter SET n = n + 100 WHERE id = 2");
                otherHoldsRow2.countDown();
                await(unitHoldsRow1);
                s.execute("UPDATE counter SET n = n + 100 WHERE id = 1");
                root.rollback();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        AtomicInteger attempts = new AtomicInteger();

        int result = DatabaseRetry.inTransaction(transaction, status -> {
            int attempt = attempts.incrementAndGet();
            jdbc.update("UPDATE counter SET n = n + 1 WHERE id = 1");
            if (attempt == 1) {
                unitHoldsRow1.countDown();
                await(otherHoldsRow2);
            }
            jdbc.update("UPDATE counter SET n = n + 1 WHERE id = 2");
            return attempt;
        });
        other.get(30, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(2);
        assertThat(deadlocks()).isGreaterThan(deadlocksBefore);
        assertThat(jdbc.queryForList("SELECT n FROM counter ORDER BY id", Integer.class)).containsExactly(1, 1);
    }

    @Test
    void a_lock_held_past_every_try_gives_busy_and_stores_nothing() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (Connection root = RootDatabase.open(server, SCRATCH); Statement s = root.createStatement()) {
            s.execute("SELECT * FROM counter WHERE id = 1 FOR UPDATE");

            assertThatThrownBy(() -> DatabaseRetry.inTransaction(transaction, status -> {
                attempts.incrementAndGet();
                jdbc.update("UPDATE counter SET n = n + 1 WHERE id = 2");
                return jdbc.update("UPDATE counter SET n = n + 1 WHERE id = 1");
            })).isInstanceOf(DatabaseBusyException.class)
                    .hasMessageContaining(DatabaseBusyException.KEY)
                    .satisfies(e -> assertThat(DatabaseFailure.of(e.getCause())).isEqualTo(DatabaseFailure.CONFLICT));
            root.rollback();
        }
        assertThat(attempts).hasValue(DatabaseRetry.ATTEMPTS);
        assertThat(jdbc.queryForList("SELECT n FROM counter ORDER BY id", Integer.class)).containsExactly(0, 0);
    }

    @Test
    void a_connection_killed_before_the_commit_is_retried_on_a_new_connection() {
        AtomicInteger attempts = new AtomicInteger();

        long connection = DatabaseRetry.inTransaction(transaction, status -> {
            jdbc.update("UPDATE counter SET n = n + 1 WHERE id = 1");
            long id = jdbc.queryForObject("SELECT CONNECTION_ID()", Long.class);
            if (attempts.incrementAndGet() == 1) {
                // As a node going away mid-transaction: the server drops the connection under the unit.
                try (Connection root = RootDatabase.open(server, SCRATCH); Statement s = root.createStatement()) {
                    s.execute("KILL CONNECTION " + id);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            jdbc.update("UPDATE counter SET n = n + 1 WHERE id = 2");
            return id;
        });

        assertThat(attempts).hasValue(2);
        assertThat(connection).isPositive();
        assertThat(jdbc.queryForList("SELECT n FROM counter ORDER BY id", Integer.class)).containsExactly(1, 1);
    }

    @Test
    void a_refusal_is_not_retried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> DatabaseRetry.inTransaction(transaction, status -> {
            attempts.incrementAndGet();
            jdbc.update("UPDATE counter SET n = n + 1 WHERE id = 1");
            throw new vn.tinnhiem.shared.UserFacingException("desk.error.unknown");
        })).isInstanceOf(vn.tinnhiem.shared.UserFacingException.class).hasMessage("desk.error.unknown");

        assertThat(attempts).hasValue(1);
        assertThat(jdbc.queryForList("SELECT n FROM counter ORDER BY id", Integer.class)).containsExactly(0, 0);
    }

    private long deadlocks() {
        try (Connection root = RootDatabase.open(server, SCRATCH); Statement s = root.createStatement();
                ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")) {
            r.next();
            return r.getLong(2);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other side never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
