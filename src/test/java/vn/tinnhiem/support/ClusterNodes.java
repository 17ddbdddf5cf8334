package vn.tinnhiem.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * What the failover tests read of the test cluster ({@link GaleraCluster}) beside the application: which node a
 * connection is on, each node's own count of a conference's ballots, and how a node came back (its error log).
 */
public final class ClusterNodes {

    private final GaleraCluster cluster;

    public ClusterNodes(GaleraCluster cluster) {
        this.cluster = cluster;
    }

    /** The SQL port of node 1..3. */
    public int port(int node) {
        return cluster.sqlPort(node);
    }

    /** The node (1..3) a server port belongs to; 0 for none. */
    public int nodeOfPort(int port) {
        for (int node = 1; node <= 3; node++) {
            if (port(node) == port) {
                return node;
            }
        }
        return 0;
    }

    /**
     * Which node each of the pool's connections is on, as many at once as the pool holds (so none is the same
     * connection twice): node number to how many. One writer means one key.
     */
    public Map<Integer, Integer> nodesOfPool(DataSource pool, int size) {
        Map<Integer, Integer> nodes = new TreeMap<>();
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                Connection c = pool.getConnection();
                held.add(c);
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select @@port")) {
                    r.next();
                    nodes.merge(nodeOfPort(r.getInt(1)), 1, Integer::sum);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the pool's nodes", e);
        } finally {
            for (Connection c : held) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // returned to the pool or dropped: nothing to do either way
                }
            }
        }
        return nodes;
    }

    /**
     * The node (1..3) a connection through {@code url} lands on for a JVM started now, as a newly started
     * application instance's would ({@link SequentialUrlProbe} in a process of its own).
     */
    public int nodeOfFreshJvm(String url) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                SequentialUrlProbe.class.getName(), url, cluster.appUser(), cluster.appPassword())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("the probe failed: " + out);
        }
        String line = out.lines().filter(l -> l.startsWith("PORT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the probe said " + out));
        return nodeOfPort(Integer.parseInt(line.substring(5).strip()));
    }

    /** Lets the node take application queries again (a rejoined node refuses them until told). */
    public void serve(int node) throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.nodeUrl(node, ""), "root", cluster.rootPassword());
                Statement s = c.createStatement()) {
            s.execute("set global wsrep_reject_queries = NONE");
        }
    }

    /** Waits (up to two minutes) until every node says Synced in a cluster of three. */
    public void awaitAllSynced() throws InterruptedException {
        long until = System.nanoTime() + 120_000_000_000L;
        String last = "";
        while (System.nanoTime() < until) {
            StringBuilder states = new StringBuilder();
            boolean all = true;
            for (int node = 1; node <= 3; node++) {
                String state;
                int size;
                try {
                    state = cluster.state(node);
                    size = cluster.clusterSize(node);
                } catch (RuntimeException e) {
                    state = "no answer";
                    size = 0;
                }
                states.append("node").append(node).append(' ').append(state).append(' ').append(size).append("; ");
                all &= "Synced".equals(state) && size == 3;
            }
            if (all) {
                return;
            }
            last = states.toString();
            Thread.sleep(500);
        }
        throw new AssertionError("the cluster is not three Synced nodes: " + last);
    }

    /** The ballots of a conference as node {@code node} itself holds them (read there, causally). */
    public int ballots(int node, String database, long electionId) throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.nodeUrl(node, database), cluster.appUser(),
                cluster.appPassword()); Statement s = c.createStatement()) {
            s.execute("set session wsrep_sync_wait = 1");
            try (ResultSet r = s.executeQuery("select count(*) from ballot where election_id = " + electionId)) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /**
     * The node's error log (the launcher's {@code log-error}, under GaleraCluster's folder target/galera of the
     * project, where the tests and .ci/bench run); its size marks where a rejoin's lines start.
     */
    public Path errorLog(int node) {
        return Path.of("target", "galera", "node" + node, "mariadbd.err");
    }

    public long errorLogSize(int node) {
        try {
            return Files.exists(errorLog(node)) ? Files.size(errorLog(node)) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state-transfer lines the node wrote since {@code from} (bytes into its error log). */
    public List<String> stateTransferLines(int node, long from) {
        try {
            byte[] all = Files.readAllBytes(errorLog(node));
            String since = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                    StandardCharsets.UTF_8);
            return since.lines().filter(l -> l.contains("IST") || l.contains("SST") || l.contains("State transfer"))
                    .map(l -> l.length() > 200 ? l.substring(0, 200) : l).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the node, since {@code from}, received the write-sets it missed by incremental transfer (IST) and
     * no full copy (SST) of the data folder.
     */
    public boolean joinedByIncrementalTransfer(int node, long from) {
        List<String> lines = stateTransferLines(node, from);
        // MariaDB logs "SST received" for an IST too (its SST script runs and stands aside: "rsync IST completed
        // on joiner"); a real copy of the folder says "rsync SST completed on joiner".
        return lines.stream().anyMatch(l -> l.contains("IST received"))
                && lines.stream().noneMatch(l -> l.contains("SST completed on joiner"));
    }
}
