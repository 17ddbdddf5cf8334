package vn.tinnhiem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.tinnhiem.shared.database.EmbeddedMariaDb;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.RootDatabase;

/**
 * The voter-side tables follow the rules of docs/architecture.md ("Voter-side tables"): nothing in their
 * shape can put ballots in the order they were cast, or join a ballot to a token, a kiosk or a voter.
 * Read from the live schema, so a table added by a later migration is checked the day it appears.
 */
@IntegrationTest
// Needs the embedded server itself (its bean, folder or root account): runs on it, never on the cluster.
@Tag("embedded-server")
class VoterSideTablesIntegrationTests {

    /** Tables whose name starts with one of these are on the voter's side (they need not exist yet). */
    static final List<String> VOTER_SIDE_PREFIXES = List.of("ballot", "token", "kiosk", "cast", "turnout", "tracking", "checked");
    /** A ballot table names none of these, and has no foreign key to them. */
    private static final List<String> BALLOT_MUST_NOT_NAME = List.of("token", "kiosk", "voter", "device", "session");
    private static final Set<String> TIME_TYPES = Set.of("date", "datetime", "timestamp", "time", "year");
    private static final Set<String> RANDOM_KEY_TYPES = Set.of("binary", "char", "varbinary");

    @Autowired
    DSLContext db;
    @Autowired
    EmbeddedMariaDb server;
    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void every_voter_side_table_has_a_random_key_no_sequence_no_time_and_no_link_to_a_ballot() {
        List<String> tables = voterSideTables();
        assertThat(violations(tables)).as("voter-side tables " + tables + " (see docs/architecture.md)").isEmpty();
    }

    @Test
    void the_checker_catches_a_table_that_breaks_each_rule() {
        // The tables are made as root: the application's own account has rows only, no DDL.
        RootDatabase.as(server, dataSource, root -> {
            root.execute("DROP TABLE IF EXISTS ballot_selftest_wrong, ballot_selftest_right");
            root.execute("""
                    CREATE TABLE ballot_selftest_wrong (
                      id        BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
                      token_id  BINARY(16) NOT NULL,
                      cast_at   DATETIME NOT NULL,
                      seen      TIMESTAMP NULL
                    ) ENGINE=InnoDB""");
            root.execute("""
                    CREATE TABLE ballot_selftest_right (
                      election_id BIGINT NOT NULL,
                      id          BINARY(16) NOT NULL,
                      sealed      BLOB NOT NULL,
                      PRIMARY KEY (election_id, id)
                    ) ENGINE=InnoDB""");
        });
        try {
            assertThat(voterSideTables()).contains("ballot_selftest_wrong", "ballot_selftest_right");
            List<String> found = violations(List.of("ballot_selftest_wrong"));
            assertThat(found).containsExactlyInAnyOrder(
                    "ballot_selftest_wrong.id is AUTO_INCREMENT: ids would number the rows in casting order",
                    "ballot_selftest_wrong.cast_at is a datetime: no time on the voter's side",
                    "ballot_selftest_wrong.seen is a timestamp: no time on the voter's side",
                    "ballot_selftest_wrong.id is a bigint in the primary key: the key must be random (BINARY/CHAR),"
                            + " or InnoDB keeps the rows in insertion order",
                    "ballot_selftest_wrong.token_id names a token: a ballot must not be joinable to it");
            assertThat(violations(List.of("ballot_selftest_right"))).isEmpty();
        } finally {
            RootDatabase.as(server, dataSource,
                    root -> root.execute("DROP TABLE IF EXISTS ballot_selftest_wrong, ballot_selftest_right"));
        }
    }

    private List<String> voterSideTables() {
        return db.fetch("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")
                .getValues(0, String.class).stream()
                .filter(t -> VOTER_SIDE_PREFIXES.stream().anyMatch(p -> t.toLowerCase().startsWith(p)))
                .sorted().toList();
    }

    private List<String> violations(List<String> tables) {
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            boolean ballot = table.toLowerCase().startsWith("ballot");
            // Rule 6: turnout is kept as coarse counters, one row per conference and step (an integer, not a
            // time), updated in place: its key is the step itself, which orders nothing finer than the step.
            boolean coarseCounter = table.toLowerCase().startsWith("turnout");
            var columns = db.fetch("""
                    SELECT column_name, data_type, extra, column_key FROM information_schema.columns
                    WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position""", table);
            boolean hasRandomKey = false;
            boolean hasKey = false;
            for (var c : columns) {
                String name = c.get(0, String.class);
                String type = c.get(1, String.class).toLowerCase();
                String extra = c.get(2, String.class).toLowerCase();
                boolean inKey = "PRI".equals(c.get(3, String.class));
                if (extra.contains("auto_increment")) {
                    found.add(table + "." + name + " is AUTO_INCREMENT: ids would number the rows in casting order");
                }
                if (TIME_TYPES.contains(type)) {
                    found.add(table + "." + name + " is a " + type + ": no time on the voter's side");
                }
                if (inKey) {
                    hasKey = true;
                    if (RANDOM_KEY_TYPES.contains(type)) {
                        hasRandomKey = true;
                    } else if (coarseCounter && name.equalsIgnoreCase("step")) {
                        hasRandomKey = true;
                    } else if (!name.equalsIgnoreCase("election_id")) {
                        // Only the conference may lead the key; within it the order must be random.
                        found.add(table + "." + name + " is a " + type + " in the primary key: the key must be random"
                                + " (BINARY/CHAR), or InnoDB keeps the rows in insertion order");
                    }
                }
                if (ballot) {
                    BALLOT_MUST_NOT_NAME.stream().filter(word -> name.toLowerCase().contains(word)).findFirst()
                            .ifPresent(word -> found.add(table + "." + name + " names a " + word
                                    + ": a ballot must not be joinable to it"));
                }
            }
            if (!hasKey) {
                found.add(table + " has no primary key: InnoDB would cluster it by a hidden row number, in insertion order");
            } else if (!hasRandomKey && found.stream().noneMatch(f -> f.startsWith(table + ".") && f.contains("primary key"))) {
                found.add(table + " has no random column in its primary key");
            }
            if (ballot) {
                db.fetch("""
                        SELECT referenced_table_name FROM information_schema.key_column_usage
                        WHERE table_schema = DATABASE() AND table_name = ? AND referenced_table_name IS NOT NULL""", table)
                        .getValues(0, String.class).stream().filter(t -> !t.equalsIgnoreCase("election"))
                        .forEach(t -> found.add(table + " has a foreign key to " + t + ": a ballot must not be joinable to it"));
            }
        }
        return found;
    }
}
