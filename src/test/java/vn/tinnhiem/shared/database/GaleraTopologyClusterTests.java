package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import com.zaxxer.hikari.HikariDataSource;

import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.GaleraCluster;
import vn.tinnhiem.support.IntegrationTest;

/**
 * The supported topology (one writer, hot standbys): through the sequential URL every connection of the
 * application goes to one node, the first alive (node 1 unless a test of this JVM killed it), reads wait for
 * the cluster's earlier commits (wsrep_sync_wait=1), and when that node dies the next request is served by
 * the next one.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class GaleraTopologyClusterTests {

    @Autowired
    DataSource dataSource;
    @Autowired
    ElectionServices elections;

    private final GaleraCluster cluster = GaleraCluster.shared();

    record Session(String node, int port, int syncWait, String timeZone) {
    }

    private Session session() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT @@wsrep_node_name, @@port, @@session.wsrep_sync_wait, @@session.time_zone")) {
            r.next();
            return new Session(r.getString(1), r.getInt(2), r.getInt(3), r.getString(4));
        }
    }

    /** A node killed here comes back and serves again (for the tests after these); the driver keeps it denied. */
    @AfterEach
    void everyNodeBack() {
        for (int node = 1; node <= 3; node++) {
            if (cluster.state(node).equals("down")) {
                cluster.rejoin(node);
                cluster.serve(node);
            }
        }
        ((HikariDataSource) dataSource).getHikariPoolMXBean().softEvictConnections();
    }

    @Test
    void whileAllThreeAreUpTheApplicationWritesToOneNodeAndReadsWaitForTheCluster() throws SQLException {
        for (int node = 1; node <= 3; node++) {
            assertThat(cluster.state(node)).as("node %d", node).isEqualTo("Synced");
            assertThat(cluster.clusterSize(node)).as("node %d's cluster", node).isEqualTo(3);
        }
        // Every connection the pool hands out, not just the first.
        int writer = cluster.writer();
        for (int i = 0; i < 12; i++) {
            assertThat(session()).isEqualTo(new Session("node" + writer, cluster.sqlPort(writer), 1, "+00:00"));
        }
    }

    @Test
    void whenTheWriterIsKilledTheNextRequestIsServedByTheNextNode() throws SQLException {
        String title = Conferences.uniqueTitle("Hội nghị chuyển máy");
        ElectionId id = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, title, ElectionStatus.DRAFT);
        int writer = cluster.writer();
        assertThat(writer).as("a node after the writer").isLessThan(3);
        assertThat(session().node()).isEqualTo("node" + writer);

        cluster.kill(writer);

        // A real service call on the pool's connections to the dead node: it must not fail.
        assertThat(elections.elections().find(id)).hasValueSatisfying(election -> assertThat(election.title()).isEqualTo(title));
        int next = writer + 1;
        assertThat(session()).isEqualTo(new Session("node" + next, cluster.sqlPort(next), 1, "+00:00"));
        // And a write: the conference changes on node 2, the one writer now.
        elections.candidates().addCandidate(id, "Nguyễn Văn Dự Phòng", "Phó Chủ tịch");
        assertThat(elections.candidates().list(id)).anySatisfy(c -> assertThat(c.fullName()).isEqualTo("Nguyễn Văn Dự Phòng"));
        assertThat(cluster.clusterSize(next)).isEqualTo(2);
    }
}
