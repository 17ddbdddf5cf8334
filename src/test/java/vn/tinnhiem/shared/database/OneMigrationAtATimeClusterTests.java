package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import vn.tinnhiem.support.GaleraCluster;

/**
 * Two instances migrating an empty schema at once on the Galera cluster, both through node 1 as the sequential
 * URL sends them (the supported topology). Flyway alone takes no real lock there (wsrep_on: it falls back to
 * {@code SELECT ... FOR UPDATE}, which the first DDL statement's implicit commit releases) and the two runs
 * collide; with {@link OneMigrationAtATime} the second waits for the first and finds nothing to do.
 */
class OneMigrationAtATimeClusterTests {

    private static final int ROUNDS = 8;
    private static final int MAX_PLAIN_ROUNDS = 40;
    private final GaleraCluster cluster = GaleraCluster.shared();

    private String newDatabase() throws Exception {
        String name = "tinnhiem_migrate_" + System.nanoTime();
        try (Connection root = DriverManager.getConnection(cluster.nodeUrl(cluster.writer(), ""), "root", cluster.rootPassword());
                Statement s = root.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        return name;
    }

    private void drop(String database) throws Exception {
        try (Connection root = DriverManager.getConnection(cluster.nodeUrl(cluster.writer(), ""), "root", cluster.rootPassword());
                Statement s = root.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    private Flyway flyway(String database) {
        String url = cluster.url(database);
        return Flyway.configure().dataSource(url + (url.contains("?") ? "&" : "?") + "sessionVariables=time_zone='+00:00'",
                cluster.ownerUser(), cluster.ownerPassword()).locations("classpath:db/migration").load();
    }

    /** Runs two migrations of one new database at once; answers the failures (empty when both ended well). */
    private List<Throwable> twoAtOnce(String database, Consumer<Flyway> migrate) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            Flyway flyway = flyway(database);
            starts.add(CompletableFuture.runAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                migrate.accept(flyway);
            }));
        }
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<Void> start : starts) {
            try {
                start.get(5, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        return failures;
    }

    private int failedOrMissing(String database, int migrations) throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.nodeUrl(cluster.writer(), database), "root", cluster.rootPassword());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(DISTINCT version) FROM flyway_schema_history WHERE success")) {
            r.next();
            return migrations - r.getInt(1);
        }
    }

    private static int migrations() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("db-migrations"))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }

    /**
     * Flyway alone collided in 2 of 8 rounds when this was written (V1's tables made twice: "Table 'staff_account'
     * already exists"; once a 1213 deadlock), so the plain runs go on until the first collision, at most
     * {@value #MAX_PLAIN_ROUNDS} rounds (all clean with a 1-in-4 chance each: about 1 in 100,000).
     */
    @Test
    void flyway_alone_lets_two_instances_collide_and_with_the_named_lock_both_end_well_every_time() throws Exception {
        int migrations = migrations();
        int plainRounds = 0;
        Throwable collision = null;
        while (collision == null && plainRounds < MAX_PLAIN_ROUNDS) {
            String database = newDatabase();
            try {
                List<Throwable> failures = twoAtOnce(database, Flyway::migrate);
                plainRounds++;
                collision = failures.isEmpty() ? null : failures.getFirst();
                if (collision != null && !(collision instanceof org.flywaydb.core.api.FlywayException)) {
                    throw new AssertionError("not a migration's failure", collision);
                }
            } finally {
                drop(database);
            }
        }
        System.out.printf("Flyway alone: the first collision in round %d of at most %d: %s%n", plainRounds,
                MAX_PLAIN_ROUNDS, collision);
        assertThat(collision).as("the collision this guards against, without the named lock").isNotNull();

        for (int round = 0; round < ROUNDS; round++) {
            String database = newDatabase();
            try {
                assertThat(twoAtOnce(database, OneMigrationAtATime::migrate)).as("round %d with the lock", round).isEmpty();
                assertThat(failedOrMissing(database, migrations)).as("round %d with the lock", round).isZero();
            } finally {
                drop(database);
            }
        }
        System.out.printf("With OneMigrationAtATime: %d of %d rounds both ended well%n", ROUNDS, ROUNDS);
    }
}
