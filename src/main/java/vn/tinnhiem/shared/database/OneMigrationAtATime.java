package vn.tinnhiem.shared.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Flyway's migrations one instance at a time, also on MariaDB Galera.
 * <p>
 * Flyway 11 locks MariaDB with a named lock ({@code GET_LOCK}), except when {@code wsrep_on} is set: then it
 * falls back to {@code SELECT ... FOR UPDATE} on its history table (flyway/flyway#3674, written when MariaDB
 * refused GET_LOCK under wsrep, MDEV-30473), and that lock holds nothing on Galera: row locks are optimistic
 * there and the history table does not exist yet on an empty schema. Two instances started at once both
 * migrated, and the second died with error 1213 (flyway/flyway#4271). MariaDB allows GET_LOCK under wsrep again
 * since 10.6.14 and 10.11.4 (MDEV-31325); it is local to the node, and in the one supported topology every
 * instance reaches the same first node through the sequential URL, so this named lock, taken on a connection of
 * the migrations' own account and held for the whole run, puts the instances in line: the second finds the
 * history written and has nothing to do.
 * <p>
 * Should a migration still meet a deadlock or a certification failure (1213) or a lock wait timeout (1205),
 * the run is tried again, at most {@value #ATTEMPTS} times in all: Flyway reads the history afresh each time.
 */
public final class OneMigrationAtATime {

    static final int ATTEMPTS = 4;
    /** Long enough for the longest migration of a big conference's tables; the empty schema takes about 1 s. */
    static final Duration LOCK_WAIT = Duration.ofMinutes(10);
    private static final int DEADLOCK_OR_CERTIFICATION = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final Logger log = LoggerFactory.getLogger(OneMigrationAtATime.class);

    private OneMigrationAtATime() {
    }

    public static void migrate(Flyway flyway) {
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        for (int attempt = 1;; attempt++) {
            try {
                underTheLock(dataSource, flyway);
                return;
            } catch (FlywayException e) {
                if (attempt == ATTEMPTS || !conflict(e)) {
                    throw e;
                }
                log.warn("The migrations met another instance's ({}); trying again ({} of {})", e.getMessage(),
                        attempt + 1, ATTEMPTS);
                pause(attempt);
            }
        }
    }

    private static void underTheLock(DataSource dataSource, Flyway flyway) {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            String name = lockName(lock.getCatalog());
            take(lock, name);
            try {
                flyway.migrate();
            } finally {
                release(lock, name);
            }
        } catch (SQLException e) {
            throw new FlywayException("The migrations' lock could not be taken or released: " + e.getMessage(), e);
        }
    }

    /** One lock per database: two databases on one server migrate side by side. A lock name has 64 characters at most. */
    static String lockName(String database) {
        String name = "tinnhiem-migrations:" + database;
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    private static void take(Connection connection, String name) throws SQLException {
        try (PreparedStatement get = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            get.setString(1, name);
            get.setLong(2, LOCK_WAIT.toSeconds());
            try (ResultSet r = get.executeQuery()) {
                r.next();
                if (r.getInt(1) != 1) {
                    throw new FlywayException("Another instance has held the migrations' lock " + name + " for "
                            + LOCK_WAIT.toMinutes() + " minutes; is a migration stuck there?");
                }
            }
        }
    }

    private static void release(Connection connection, String name) throws SQLException {
        try (PreparedStatement release = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            release.setString(1, name);
            release.executeQuery().close();
        }
    }

    static boolean conflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && (sql.getErrorCode() == DEADLOCK_OR_CERTIFICATION || sql.getErrorCode() == LOCK_WAIT_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(250L * attempt + ThreadLocalRandom.current().nextLong(250));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlywayException("Interrupted while waiting to migrate again", e);
        }
    }
}
