package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import vn.tinnhiem.support.GaleraCluster;

/**
 * A real conflict across two Galera nodes: a unit on node 2 updates a row, and before it commits a transaction
 * on node 1 updates the same row and commits. Galera lets the first to be ordered win; the unit is aborted (by
 * the applier, or at its commit's certification) with 1213, and {@link DatabaseRetry} runs it again, which
 * then succeeds: both writes are in, on both nodes, once each. The rows live in a scratch database of their own.
 */
class CertificationRetryClusterTests {

    private static final String SCRATCH = "tinnhiem_retry_scratch";

    private final GaleraCluster cluster = GaleraCluster.shared();
    private HikariDataSource node2;

    @BeforeEach
    void scratchTable() throws SQLException {
        try (Connection root = root(1, ""); Statement s = root.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + SCRATCH);
            s.execute("CREATE TABLE IF NOT EXISTS " + SCRATCH + ".counter (id INT PRIMARY KEY, n INT NOT NULL)");
            s.execute("DELETE FROM " + SCRATCH + ".counter");
            s.execute("INSERT INTO " + SCRATCH + ".counter VALUES (1, 0)");
        }
        node2 = new HikariDataSource();
        node2.setJdbcUrl(cluster.nodeUrl(2, SCRATCH));
        node2.setUsername("root");
        node2.setPassword(cluster.rootPassword());
        node2.setMaximumPoolSize(2);
        // As the application's connections: reads wait for what the cluster committed before them.
        node2.setConnectionInitSql("SET SESSION wsrep_sync_wait = 1");
    }

    @AfterEach
    void closePool() {
        node2.close();
    }

    @Test
    void a_unit_that_loses_a_certification_conflict_to_another_node_is_run_again_and_succeeds() throws Exception {
        var transaction = new TransactionTemplate(new JdbcTransactionManager(node2));
        JdbcTemplate jdbc = new JdbcTemplate(node2);
        AtomicInteger attempts = new AtomicInteger();
        long conflictsBefore = conflicts(2);

        int result = DatabaseRetry.inTransaction(transaction, status -> {
            int attempt = attempts.incrementAndGet();
            jdbc.update("UPDATE counter SET n = n + 1 WHERE id = 1");
            if (attempt == 1) {
                // Node 1 knows nothing of node 2's row lock: its update commits, and wins the cluster's order.
                try (Connection other = root(1, SCRATCH); Statement s = other.createStatement()) {
                    s.execute("UPDATE counter SET n = n + 100 WHERE id = 1");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return jdbc.queryForObject("SELECT n FROM counter WHERE id = 1", Integer.class);
        });

        assertThat(attempts).hasValue(2);
        assertThat(result).isEqualTo(101);
        assertThat(conflicts(2)).as("aborts and certification failures on node 2").isGreaterThan(conflictsBefore);
        for (int node = 1; node <= 3; node++) {
            try (Connection c = root(node, SCRATCH); Statement s = c.createStatement()) {
                s.execute("SET SESSION wsrep_sync_wait = 1");
                try (ResultSet r = s.executeQuery("SELECT n FROM counter WHERE id = 1")) {
                    r.next();
                    assertThat(r.getInt(1)).as("node %d", node).isEqualTo(101);
                }
            }
        }
    }

    /** Local transactions node 2 aborted for a replicated one, plus its certification failures. */
    private long conflicts(int node) throws SQLException {
        long sum = 0;
        try (Connection c = root(node, ""); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_bf_aborts', 'wsrep_local_cert_failures')")) {
            while (r.next()) {
                sum += r.getLong(2);
            }
        }
        return sum;
    }

    private Connection root(int node, String database) throws SQLException {
        return DriverManager.getConnection(cluster.nodeUrl(node, database), "root", cluster.rootPassword());
    }
}
