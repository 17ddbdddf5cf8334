package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.audit.ChainCheck;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/**
 * The migrations on the real server, run as the schema's owner (root; the application's account has rows only): on an empty database, and
 * on one left at an older version.
 */
@IntegrationTest
// Needs the embedded server itself (its bean, folder or root account): runs on it, never on the cluster.
@Tag("embedded-server")
class MigrationIntegrationTests {

    @Autowired
    EmbeddedMariaDb server;
    @Autowired
    DSLContext db;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    AuditLog auditLog;

    private final List<String> made = new ArrayList<>();

    /** Each test's database, made for the application's account; dropped afterwards as root. */
    private String database(String prefix) {
        String name = prefix + System.nanoTime();
        made.add(name);
        return server.createDatabase(name);
    }

    @AfterEach
    void dropTheDatabasesMade() throws Exception {
        // Root's password, as any tool on the machine would get it: from the credentials file.
        var root = DatabaseCredentials.read(server.credentialsFile()).orElseThrow();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(""), "root", root.rootPassword())) {
            for (String name : made) {
                c.createStatement().execute("DROP DATABASE IF EXISTS `" + name + "`");
                c.createStatement().execute("REVOKE ALL PRIVILEGES ON `" + name.replace("_", "\\_") + "`.* FROM '"
                        + server.appUser() + "'@'127.0.0.1'");
            }
        }
    }

    @Test
    void every_connection_works_in_utc_so_stored_times_do_not_move_with_the_machines_zone() {
        assertThat(db.fetchValue("SELECT @@session.time_zone")).isEqualTo("+00:00");
    }

    private Flyway flyway(String url, String target) {
        var config = Flyway.configure().dataSource(url, "root", server.rootPassword())
                .locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private Connection connect(String url) throws SQLException {
        // As the schema's owner: these tests also play the migrations' own statements by hand.
        return DriverManager.getConnection(url, "root", server.rootPassword());
    }

    @Test
    void migrations_apply_on_an_empty_database_with_innodb_and_utf8mb4() throws SQLException {
        String url = database("mig_empty_");
        String name = made.getLast();
        var result = flyway(url, null).migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(3);
        try (Connection c = connect(url)) {
            var db = DSL.using(c);
            List<String> tables = db.fetch("""
                    SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_name <> 'flyway_schema_history'
                    """, name).getValues(0, String.class);
            assertThat(tables).contains("staff_account", "audit_entry", "election", "candidate", "voter", "teller",
                    "checklist_item");
            var wrong = db.fetch("""
                    SELECT table_name FROM information_schema.tables WHERE table_schema = ?
                      AND table_name <> 'flyway_schema_history' AND (engine <> 'InnoDB' OR table_collation NOT LIKE 'utf8mb4%')
                    """, name);
            assertThat(wrong).isEmpty();
            // 2038, and no hidden ON UPDATE: no TIMESTAMP column anywhere.
            var timestamps = db.fetch("""
                    SELECT table_name, column_name FROM information_schema.columns
                     WHERE table_schema = ? AND data_type = 'timestamp' AND table_name <> 'flyway_schema_history'
                    """, name);
            assertThat(timestamps).isEmpty();
        }
    }

    @Test
    void migrations_apply_on_a_database_at_the_previous_version_and_keep_its_data() throws SQLException {
        String url = database("mig_prev_");
        var flyway = flyway(url, null);
        var all = flyway.info().all();
        String previous = all[all.length - 2].getVersion().getVersion();
        flyway(url, previous).migrate();
        try (Connection c = connect(url)) {
            DSL.using(c).execute("""
                    INSERT INTO staff_account (username, display_name, role, password_hash) VALUES ('old', 'Người cũ', 'ADMIN', 'x')
                    """);
        }
        var result = flyway(url, null).migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(1);
        try (Connection c = connect(url)) {
            var db = DSL.using(c);
            assertThat(db.fetchValue("SELECT display_name FROM staff_account WHERE username = 'old'"))
                    .isEqualTo("Người cũ");
            assertThat(db.fetchValue("SELECT COUNT(*) FROM election")).isEqualTo(0L);
        }
    }

    private static final String EVERY_TIME = """
            SELECT CONCAT_WS(' | ', s.locked_until, s.created_at, e.created_at, e.updated_at, i.done_at)
              FROM staff_account s, election e, checklist_item i WHERE s.username = 'old' AND i.election_id = e.id
            """;

    @Test
    void times_written_before_v3_read_the_same_after_it_and_the_audit_chain_still_holds() throws SQLException {
        String url = database("mig_v3_");
        String name = made.getLast();
        flyway(url, "2").migrate();
        try (Connection c = connect(url)) {
            var db = DSL.using(c);
            db.execute("SET time_zone = '+00:00'");
            db.execute("""
                    INSERT INTO staff_account (username, display_name, role, password_hash, locked_until, created_at)
                    VALUES ('old', 'Người cũ', 'ADMIN', 'x', '2031-02-03 04:05:06.123456', '2026-01-02 03:04:05.654321')
                    """);
            db.execute("""
                    INSERT INTO election (title, body, place, starts_at, ballot_kind, rule_set, status, created_at, updated_at)
                    VALUES ('t', 'b', 'p', '2026-05-01 08:00:00', 'CONFIDENCE', 'QD96', 'DRAFT',
                            '2026-03-04 05:06:07.000001', '2038-01-19 03:14:07.999999')
                    """);
            db.execute("""
                    INSERT INTO checklist_item (election_id, step, due_date, done_at)
                    SELECT id, 'ROLL', '2026-04-01', '2027-12-31 23:59:59.500000' FROM election
                    """);
        }
        // Entries written by the real audit log into the V2 database, as the application wrote them. Today's
        // audit log also counts entries in its head row (V5): that column is lent for the writes and taken back
        // before V3, so the rows themselves are exactly what a V2 application stored.
        try (Connection c = connect(url)) {
            DSL.using(c).execute("ALTER TABLE audit_head ADD COLUMN entry_count BIGINT NOT NULL DEFAULT 0");
        }
        inDatabase(name, () -> {
            for (int i = 0; i < 3; i++) {
                auditLog.recordAs("system", "test.before-v3", "entry " + i, AuditFields.of("note", "Trước V3 " + i));
            }
            return null;
        });
        List<AuditEntry> before = inDatabase(name, () -> asAdmin(() -> auditLog.newest(10)));
        String timesBefore;
        try (Connection c = connect(url)) {
            DSL.using(c).execute("ALTER TABLE audit_head DROP COLUMN entry_count");
            timesBefore = String.valueOf(DSL.using(c).fetchValue(EVERY_TIME));
        }

        var result = flyway(url, "3").migrate();
        assertThat(result.migrationsExecuted).isEqualTo(1);

        try (Connection c = connect(url)) {
            var db = DSL.using(c);
            assertThat(db.fetchValue(EVERY_TIME)).isEqualTo(timesBefore);
            assertThat(timesBefore).isEqualTo("2031-02-03 04:05:06.123456 | 2026-01-02 03:04:05.654321 | "
                    + "2026-03-04 05:06:07.000001 | 2038-01-19 03:14:07.999999 | 2027-12-31 23:59:59.500000");
            // Read in another zone now, the values stay as written: a DATETIME does not convert.
            db.execute("SET time_zone = '+07:00'");
            assertThat(db.fetchValue(EVERY_TIME)).isEqualTo(timesBefore);
            // Past 2038.
            db.execute("UPDATE staff_account SET locked_until = '2040-06-01 00:00:00' WHERE username = 'old'");
            assertThat(String.valueOf(db.fetchValue("SELECT locked_until FROM staff_account WHERE username = 'old'")))
                    .startsWith("2040-06-01");
        }
        // The rest of the migrations, so that today's audit log can write here again.
        flyway(url, null).migrate();
        assertThat(inDatabase(name, () -> asAdmin(() -> auditLog.newest(10)))).isEqualTo(before);
        inDatabase(name, () -> auditLog.recordAs("system", "test.after-v3", "entry", AuditFields.of("note", "Sau V3")));
        ChainCheck check = inDatabase(name, () -> asAdmin(auditLog::verifyChain));
        // The chain itself; the anchor file belongs to the run's main database, not to this one.
        assertThat(check.reasonKey()).as("chain check %s", check).isEmpty();
        assertThat(check.brokenEntryId()).isEmpty();
        assertThat(check.entriesChecked()).isEqualTo(4);
    }

    @Test
    void after_v3_writing_an_audit_entrys_hash_leaves_its_time_alone_even_under_old_timestamp_defaults()
            throws SQLException {
        // Under explicit_defaults_for_timestamp=OFF (older servers' default), V1's occurred_at gets a hidden
        // ON UPDATE CURRENT_TIMESTAMP, and the UPDATE that stores an entry's hash would move its time.
        String url = database("mig_tsdef_");
        String name = made.getLast();
        String oldDefaults = url + "?sessionVariables=explicit_defaults_for_timestamp=OFF";
        flyway(oldDefaults, "2").migrate();
        try (Connection c = connect(url)) {
            assertThat(DSL.using(c).fetchValue("""
                    SELECT extra FROM information_schema.columns
                     WHERE table_schema = ? AND table_name = 'audit_entry' AND column_name = 'occurred_at'
                    """, name)).asString().containsIgnoringCase("on update");
        }
        flyway(oldDefaults, null).migrate();
        try (Connection c = connect(url)) {
            var db = DSL.using(c);
            db.execute("SET time_zone = '+00:00'");
            db.execute("""
                    INSERT INTO audit_entry (occurred_at, actor, action, subject, details, details_digest, previous_hash, entry_hash)
                    VALUES ('2026-01-01 00:00:00.000001', 'system', 'x', 'y', '', '', '', '')
                    """);
            db.execute("UPDATE audit_entry SET entry_hash = 'h'");
            assertThat(String.valueOf(db.fetchValue("SELECT occurred_at FROM audit_entry")))
                    .isEqualTo("2026-01-01 00:00:00.000001");
        }
    }

    /** Runs the application's own code against another database, in one transaction of its own. */
    private <T> T inDatabase(String name, Supplier<T> work) {
        return new TransactionTemplate(transactions).execute(tx -> {
            Connection c = DataSourceUtils.getConnection(dataSource);
            try {
                String home = c.getCatalog();
                c.setCatalog(name);
                try {
                    return work.get();
                } finally {
                    c.setCatalog(home);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static <T> T asAdmin(Supplier<T> work) {
        try (var as = Acting.as("admin", "ADMIN")) {
            return work.get();
        }
    }
}
