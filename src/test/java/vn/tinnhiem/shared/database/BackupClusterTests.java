package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import vn.tinnhiem.support.GaleraCluster;
import vn.tinnhiem.voting.FolderCopyAttack;
import vn.tinnhiem.voting.FolderCopyAttack.Kind;
import vn.tinnhiem.voting.FolderCopyAttack.Needle;

/**
 * Issue 19, part 5, on the cluster: the same {@code backup} command takes a Galera node's database while the
 * cluster serves (mariadb-backup against node 2, with {@code --galera-info}), the node stays in the cluster,
 * the backup holds its cluster position and nothing in clear, and it restores onto a single machine (the
 * hall's laptop as the fallback), where the rows written through node 1 are read back.
 */
class BackupClusterTests {

    @Test
    void a_galera_node_is_backed_up_with_the_same_command_and_restores_onto_one_machine() throws Exception {
        GaleraCluster cluster = GaleraCluster.shared();
        String needle = "Cử tri sao lưu " + UUID.randomUUID();
        String database = "tinnhiem_backup_check";
        Path key;
        try (Connection c = root(cluster.nodeUrl(1, ""), cluster.rootPassword()); Statement s = c.createStatement()) {
            key = Path.of(value(s, "SELECT @@file_key_management_filename"));
            s.execute("CREATE DATABASE IF NOT EXISTS " + database);
            s.execute("CREATE TABLE IF NOT EXISTS " + database + ".note (id BIGINT PRIMARY KEY, text VARCHAR(200))");
            s.execute("DELETE FROM " + database + ".note");
            s.execute("INSERT INTO " + database + ".note VALUES (1, '" + needle + "')");
        }
        String clusterUuid;
        try (Connection c = root(cluster.nodeUrl(2, ""), cluster.rootPassword()); Statement s = c.createStatement()) {
            // What node 1 committed is on node 2 before the backup reads node 2's files.
            s.execute("SET SESSION wsrep_sync_wait = 1");
            assertThat(value(s, "SELECT text FROM " + database + ".note WHERE id = 1")).isEqualTo(needle);
            clusterUuid = value(s, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                    + "WHERE VARIABLE_NAME = 'WSREP_CLUSTER_STATE_UUID'");
        }
        Path work = Path.of("target", "backup-cluster-" + System.nanoTime()).toAbsolutePath();
        try {
            Files.createDirectories(work);
            Path options = work.resolve("root.cnf");
            Files.createFile(options, PosixFilePermissions.asFileAttribute(DatabaseCredentials.OWNER_ONLY));
            Files.writeString(options, "[client]\nuser=root\npassword=" + cluster.rootPassword() + "\n");
            Path backup = work.resolve("backup");
            Run made = command("backup", "--host", "127.0.0.1", "--port", cluster.sqlPort(2), "--credentials", options,
                    "--key-file", key, "--galera-info", "--to", backup, "--anchors-to", work.resolve("anchors"),
                    "--anchor-file", work.resolve("no-anchors-here.txt"), "--lang", "en");
            assertThat(made.exit()).as(made.toString()).isZero();
            assertThat(made.out()).contains("The database is backed up in " + backup);
            assertThat(Files.readString(backup.resolve("database/xtrabackup_galera_info")))
                    .as("the node's cluster position").startsWith(clusterUuid + ":");
            assertThat(cluster.state(2)).isEqualTo("Synced");
            assertThat(cluster.clusterSize(2)).isEqualTo(3);
            var found = FolderCopyAttack.attack(backup, List.of(new Needle(Kind.VOTER, 0,
                    needle.getBytes(StandardCharsets.UTF_8))));
            assertThat(found.found()).as("the backup holds the row in clear: " + found.where()).isEmpty();

            // The key stick brought to the laptop: a copy of the cluster's key, in a keys folder of its own.
            Path keys = Files.createDirectories(work.resolve("keys"));
            Files.copy(key, keys.resolve(DatabaseKey.FILE_NAME));
            Path laptop = work.resolve("laptop");
            Run back = command("restore", "--from", backup, "--data-dir", laptop, "--keys-dir", keys);
            assertThat(back.exit()).as(back.toString()).isZero();
            EmbeddedMariaDb server = EmbeddedMariaDb.start(laptop, 0, keys);
            try (Connection c = root(server.jdbcUrl(""), server.rootPassword()); Statement s = c.createStatement()) {
                assertThat(value(s, "SELECT text FROM " + database + ".note WHERE id = 1")).isEqualTo(needle);
                assertThat(value(s, "SELECT @@wsrep_on")).as("the laptop runs alone").isEqualTo("0");
            } finally {
                server.release();
            }
        } finally {
            FolderCopyAttack.delete(work);
            try (Connection c = root(cluster.nodeUrl(1, ""), cluster.rootPassword()); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    record Run(int exit, String out, String err) {
    }

    private static Run command(Object... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        String[] text = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int exit = BackupCommand.run(text, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Connection root(String url, String password) throws Exception {
        return DriverManager.getConnection(url, "root", password);
    }

    private static String value(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
