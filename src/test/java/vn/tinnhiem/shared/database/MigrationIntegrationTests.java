package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.tinnhiem.support.IntegrationTest;

/** The migrations on the real server: on an empty database, and on one left at the previous version. */
@IntegrationTest
class MigrationIntegrationTests {

    @Autowired
    EmbeddedMariaDb server;
    @Autowired
    org.jooq.DSLContext db;

    @Test
    void every_connection_works_in_utc_so_stored_times_do_not_move_with_the_machines_zone() {
        assertThat(db.fetchValue("SELECT @@session.time_zone")).isEqualTo("+00:00");
    }

    private Flyway flyway(String url, String target) {
        var config = Flyway.configure().dataSource(url, "root", "").locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    @Test
    void migrations_apply_on_an_empty_database_with_innodb_and_utf8mb4() throws SQLException {
        String name = "mig_empty_" + System.nanoTime();
        String url = server.createDatabase(name);
        var result = flyway(url, null).migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(2);
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
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
        }
    }

    @Test
    void migrations_apply_on_a_database_at_the_previous_version_and_keep_its_data() throws SQLException {
        String name = "mig_prev_" + System.nanoTime();
        String url = server.createDatabase(name);
        var flyway = flyway(url, null);
        var all = flyway.info().all();
        String previous = all[all.length - 2].getVersion().getVersion();
        flyway(url, previous).migrate();
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            DSL.using(c).execute("""
                    INSERT INTO staff_account (username, display_name, role, password_hash) VALUES ('old', 'Người cũ', 'ADMIN', 'x')
                    """);
        }
        var result = flyway(url, null).migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(1);
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            var db = DSL.using(c);
            assertThat(db.fetchValue("SELECT display_name FROM staff_account WHERE username = 'old'"))
                    .isEqualTo("Người cũ");
            assertThat(db.fetchValue("SELECT COUNT(*) FROM election")).isEqualTo(0L);
        }
    }
}
