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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The run's three-node MariaDB Galera cluster on loopback, started through {@code .ci/galera-cluster} (the
 * same script CI and a developer use by hand). Node i listens for SQL on base port + 10 * i.
 *
 * <p>One cluster per JVM, started at the first {@link #shared()} and stopped when the JVM exits: surefire's
 * cluster execution runs in one forked JVM, so a build pays the start (about 20 s) once, and no server
 * outlives the build. A cluster left running by an earlier JVM (a build killed mid-run, or one kept with
 * {@code -Dtinnhiem.test.galera.keep=true} to iterate fast) is reused when all three nodes are up and
 * together; anything half-running is stopped and the cluster started again from empty folders, so one
 * run's broken cluster never leaks into the next.
 */
public final class GaleraCluster {

    private static final Map<Integer, GaleraCluster> STARTED = new ConcurrentHashMap<>();
    /** Nodes killed in this JVM (base port * 10 + node): the driver's deny list keeps them from the app. */
    private static final java.util.Set<Integer> KILLED = ConcurrentHashMap.newKeySet();
    private static final int NODES = 3;
    private static final long SCRIPT_TIMEOUT_SECONDS = 300;

    private final int basePort;
    private final Path dir;
    private final Path script;
    private final Map<String, Map<String, String>> credentials;

    private GaleraCluster(int basePort, Path dir, Path script) {
        this.basePort = basePort;
        this.dir = dir;
        this.script = script;
        run("start");
        this.credentials = readCredentials(dir.resolve("credentials.cnf"));
    }

    /**
     * The run's cluster: base port {@code tinnhiem.test.galera.base-port} (default 4400), folder
     * {@code tinnhiem.test.galera.dir} (default target/galera, target/galera-P on another base port P, so two
     * runs on different ports never share one).
     */
    public static GaleraCluster shared() {
        return on(Integer.getInteger("tinnhiem.test.galera.base-port", 4400));
    }

    /** The cluster on this base port, started in this JVM if not yet (e.g. a harness's own, apart from the run's). */
    public static GaleraCluster on(int basePort) {
        return STARTED.computeIfAbsent(basePort, port -> {
            Path root = projectRoot();
            String dir = System.getProperty("tinnhiem.test.galera.dir",
                    port == 4400 ? "target/galera" : "target/galera-" + port);
            GaleraCluster cluster = new GaleraCluster(port, root.resolve(dir).toAbsolutePath().normalize(),
                    root.resolve(".ci/galera-cluster"));
            if (!Boolean.getBoolean("tinnhiem.test.galera.keep")) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> cluster.run("stop"), "galera-cluster-stop"));
            }
            return cluster;
        });
    }

    /**
     * Connector/J's sequential URL over nodes 1, 2, 3: every connection goes to the first node that answers. A
     * node that failed stays on the driver's deny list for a day (deniedListTimeout; the default 60 s would
     * send new connections back to it once it rejoined, while older ones stay on the next node: two writers).
     * The list is the driver's, for the whole JVM: once a test killed node 1, this JVM's application writes
     * to node 2 for the rest of the run ({@link #writer()}).
     */
    public String url(String database) {
        return "jdbc:mariadb:sequential://" + IntStream.rangeClosed(1, NODES)
                .mapToObj(node -> "127.0.0.1:" + sqlPort(node)).collect(Collectors.joining(",")) + "/" + database
                + "?deniedListTimeout=86400000";
    }

    /** The node this JVM's application writes to: the first one no test of this JVM has killed. */
    public int writer() {
        return IntStream.rangeClosed(1, NODES).filter(node -> !KILLED.contains(basePort * 10 + node)).findFirst()
                .orElseThrow(() -> new IllegalStateException("every node was killed in this JVM"));
    }

    /** The cluster's folder: credentials.cnf, keys/, and node1..3 (each with its mariadbd.err). */
    public Path dir() {
        return dir;
    }

    public String nodeUrl(int node, String database) {
        return "jdbc:mariadb://127.0.0.1:" + sqlPort(node) + "/" + database;
    }

    public int sqlPort(int node) {
        checkNode(node);
        return basePort + 10 * node;
    }

    /** {@code kill -9} of the node's server: no shutdown, as when its machine loses power. */
    public void kill(int node) {
        checkNode(node);
        KILLED.add(basePort * 10 + node);
        run("kill", Integer.toString(node));
    }

    /**
     * Starts a killed node again at its recovered position (an incremental transfer); returns when it is
     * Synced. It refuses the application's queries (wsrep_reject_queries=ALL; root's work) until
     * {@link #serve(int)}, as a hall's rejoined node does until every instance restarted.
     */
    public void rejoin(int node) {
        checkNode(node);
        run("rejoin", Integer.toString(node));
    }

    /** Lets a rejoined node serve the application's queries again. */
    public void serve(int node) {
        checkNode(node);
        run("serve", Integer.toString(node));
    }

    /** The node's wsrep_local_state_comment (Synced, Donor/Desynced, Joining...), or "down" when it does not answer. */
    public String state(int node) {
        return status(node, "wsrep_local_state_comment");
    }

    /** How many nodes this node sees in its cluster (0 when it does not answer). */
    public int clusterSize(int node) {
        String size = status(node, "wsrep_cluster_size");
        return size.equals("down") ? 0 : Integer.parseInt(size);
    }

    public String appUser() {
        return credential("tinnhiem", "user");
    }

    public String appPassword() {
        return credential("tinnhiem", "password");
    }

    public String ownerUser() {
        return credential("tinnhiem_owner", "user");
    }

    public String ownerPassword() {
        return credential("tinnhiem_owner", "password");
    }

    public String rootPassword() {
        return credential("client", "password");
    }

    private String status(int node, String variable) {
        checkNode(node);
        try (Connection c = DriverManager.getConnection(nodeUrl(node, "") + "?connectTimeout=2000", "root",
                rootPassword()); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + variable + "'")) {
            return r.next() ? r.getString(2) : "down";
        } catch (SQLException e) {
            return "down";
        }
    }

    private String credential(String group, String key) {
        String value = credentials.getOrDefault(group, Map.of()).get(key);
        if (value == null) {
            throw new IllegalStateException(dir.resolve("credentials.cnf") + " has no " + key + " in [" + group + "]");
        }
        return value;
    }

    private void run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--base-port", Integer.toString(basePort), "--dir", dir.toString()));
        Path output = dir.resolveSibling("galera-cluster-" + basePort + ".log");
        try {
            Files.createDirectories(dir.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                        + SCRIPT_TIMEOUT_SECONDS + " s; see " + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + tail(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** The option file's groups, e.g. [client] user=root password=... */
    private static Map<String, Map<String, String>> readCredentials(Path file) {
        Map<String, Map<String, String>> groups = new ConcurrentHashMap<>();
        String group = "";
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.startsWith("[") && line.endsWith("]")) {
                    group = line.substring(1, line.length() - 1).strip();
                } else if (line.contains("=")) {
                    groups.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).put(
                            line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return groups;
    }

    private static Path projectRoot() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null && !Files.isExecutable(at.resolve(".ci/galera-cluster"))) {
            at = at.getParent();
        }
        if (at == null) {
            throw new IllegalStateException("No .ci/galera-cluster above " + Path.of("").toAbsolutePath());
        }
        return at;
    }

    private static void checkNode(int node) {
        if (node < 1 || node > NODES) {
            throw new IllegalArgumentException("node " + node + " is not one of 1.." + NODES);
        }
    }
}
