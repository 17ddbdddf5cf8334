package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.tinnhiem.support.IntegrationTest;

/**
 * Instances starting at once on an empty schema, as two application instances of a hall do after a restore or
 * on a new cluster: each migration is applied once and both starts end well. On the embedded server (no wsrep)
 * Flyway's own named lock would already serialise them; what is shown here is that ours is taken, held for the
 * whole run and released. The Galera case, where Flyway's own lock holds nothing, is the cluster test's.
 */
@IntegrationTest
@Tag("embedded-server")
class OneMigrationAtATimeIntegrationTests {

    @Autowired
    EmbeddedMariaDb server;

    private final List<String> databases = new ArrayList<>();

    private String newDatabase() {
        String name = "migrate_" + System.nanoTime();
        server.createDatabase(name);
        databases.add(name);
        return name;
    }

    @AfterEach
    void dropThem() throws Exception {
        try (Connection root = root(""); Statement s = root.createStatement()) {
            for (String name : databases) {
                s.execute("DROP DATABASE IF EXISTS `" + name + "`");
            }
        }
    }

    private Connection root(String database) throws Exception {
        return DriverManager.getConnection(server.jdbcUrl(database), "root", server.rootPassword());
    }

    private Flyway flyway(String database) {
        return Flyway.configure().dataSource(server.jdbcUrl(database) + "?sessionVariables=time_zone='+00:00'", "root",
                server.rootPassword()).locations("classpath:db/migration").load();
    }

    /** Version to how many times it was applied successfully, and how many history rows failed. */
    private Map<String, Long> applied(String database) throws Exception {
        var counts = new java.util.TreeMap<String, Long>();
        try (Connection c = root(database); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            while (r.next()) {
                counts.merge(r.getBoolean(2) ? r.getString(1) : "FAILED " + r.getString(1), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Test
    void two_instances_migrating_an_empty_schema_at_once_both_end_well_and_each_migration_is_applied_once()
            throws Exception {
        long migrations;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("db-migrations"))) {
            migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        for (int round = 0; round < 3; round++) {
            String database = newDatabase();
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                starts.add(CompletableFuture.runAsync(() -> {
                    Flyway flyway = flyway(database);
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    OneMigrationAtATime.migrate(flyway);
                }));
            }
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);

            Map<String, Long> applied = applied(database);
            assertThat(applied).as("round %d", round).hasSize((int) migrations).allSatisfy((version, times) -> {
                assertThat(version).doesNotStartWith("FAILED");
                assertThat(times).isEqualTo(1L);
            });
        }
    }

    @Test
    void a_migration_waits_while_another_instance_holds_the_migrations_lock_and_runs_once_it_is_released()
            throws Exception {
        String database = newDatabase();
        try (Connection other = root(database); Statement s = other.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT GET_LOCK('" + OneMigrationAtATime.lockName(database) + "', 0)")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(1);
            }
            CompletableFuture<Void> start = CompletableFuture.runAsync(() -> OneMigrationAtATime.migrate(flyway(database)));
            Thread.sleep(1500);
            assertThat(start).as("waiting for the other instance").isNotDone();
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                    + database + "'")) {
                r.next();
                assertThat(r.getInt(1)).as("nothing made while the lock is held elsewhere").isZero();
            }

            s.executeQuery("SELECT RELEASE_LOCK('" + OneMigrationAtATime.lockName(database) + "')").close();
            start.get(2, TimeUnit.MINUTES);
        }
        assertThat(applied(database)).isNotEmpty().allSatisfy((version, times) -> assertThat(version).doesNotStartWith("FAILED"));
    }
}
