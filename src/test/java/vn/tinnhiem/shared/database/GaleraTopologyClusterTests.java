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
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.GaleraCluster;
import vn.tinnhiem.support.IntegrationTest;

/**
 * The supported topology (one writer, hot standbys): through the sequential URL every connection of the
 * application goes to node 1 while it is up, reads wait for the cluster's earlier commits
 * (wsrep_sync_wait=1), and when node 1 dies the next request is served by node 2.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class GaleraTopologyClusterTests {

    @Autowired
    DataSource dataSource;
    @Autowired
    ElectionService elections;

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

    /** A node killed here comes back, and the pool forgets connections made while it was away. */
    @AfterEach
    void everyNodeBack() {
        for (int node = 1; node <= 3; node++) {
            if (cluster.state(node).equals("down")) {
                cluster.rejoin(node);
            }
        }
        ((HikariDataSource) dataSource).getHikariPoolMXBean().softEvictConnections();
    }

    @Test
    void whileAllThreeAreUpTheApplicationWritesToNodeOneAndReadsWaitForTheCluster() throws SQLException {
        for (int node = 1; node <= 3; node++) {
            assertThat(cluster.state(node)).as("node %d", node).isEqualTo("Synced");
            assertThat(cluster.clusterSize(node)).as("node %d's cluster", node).isEqualTo(3);
        }
        // Every connection the pool hands out, not just the first.
        for (int i = 0; i < 12; i++) {
            assertThat(session()).isEqualTo(new Session("node1", cluster.sqlPort(1), 1, "+00:00"));
        }
    }

    @Test
    void whenNodeOneIsKilledTheNextRequestIsServedByNodeTwo() throws SQLException {
        String title = Conferences.uniqueTitle("Hội nghị chuyển máy");
        long id = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, title, ElectionStatus.DRAFT);
        assertThat(session().node()).isEqualTo("node1");

        cluster.kill(1);

        // A real service call on the pool's connections to the dead node: it must not fail.
        assertThat(elections.find(id)).hasValueSatisfying(election -> assertThat(election.title()).isEqualTo(title));
        assertThat(session()).isEqualTo(new Session("node2", cluster.sqlPort(2), 1, "+00:00"));
        // And a write: the conference changes on node 2, the one writer now.
        elections.addCandidate(id, "Nguyễn Văn Dự Phòng", "Phó Chủ tịch");
        assertThat(elections.candidates(id)).anySatisfy(c -> assertThat(c.fullName()).isEqualTo("Nguyễn Văn Dự Phòng"));
        assertThat(cluster.clusterSize(2)).isEqualTo(2);
    }
}
