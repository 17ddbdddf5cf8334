package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real mariadbd (Debian's MariaDB 10.11, the same server the standby and the backups use), started and
 * stopped with the application, with its data kept in a folder between runs. One server per data folder
 * per JVM, so the test suite's several Spring contexts share it.
 *
 * <p>Whoever holds a copy of the data folder learns nothing from it: every InnoDB tablespace, the redo
 * log, the undo log, temporary tables and temporary files are encrypted (AES, MariaDB's
 * {@code file_key_management}) under a key that lives in the <em>keys folder</em>
 * ({@link DatabaseKey}), never in the data folder or its backups; the board brings it when the server
 * starts (on removable media in a hall) and the server holds it in memory from then on.
 *
 * <p>It trusts no one on the machine: grant tables on; root and the application's account have
 * generated passwords, kept in {@code credentials.cnf} (mode 0600) in the data folder, which is itself
 * the owner's only (0700) and also holds the socket and the one folder the server may read or write
 * files in ({@code files/}); no binary, general or slow query log; {@code LOAD DATA LOCAL} off. The
 * application's account may only read and write rows; the migrations run as root ({@link #rootPassword()}).
 *
 * <p>A folder without the credentials file (a new one, or one whose file was deleted) gets its accounts
 * set up once: that start runs a set-up script through {@code --init-file}, which the server executes with
 * full rights before it accepts any connection, so there is never a moment when the server runs without
 * its grant tables.
 *
 * <p>A server left running by an application killed with {@code kill -9} (it would hold the folder's
 * lock, and the next start would fail) is found by its pid file and stopped before the new one starts.
 *
 * <p>This class is the server as the application sees it (start, join, release, its databases and
 * accounts); each step of a start has its own class: the folder ({@link MariaDbFolder}), the programs
 * ({@link MariaDbInstallation}), a left-over server ({@link LeftOverServer}), the settings
 * ({@link MariaDbOptions}), the accounts ({@link AccountSetUp}) and the process ({@link ServerProcess}).
 */
public final class EmbeddedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    static final Map<Path, EmbeddedMariaDb> RUNNING = new ConcurrentHashMap<>();
    static final String APP_USER = "tinnhiem";
    /**
     * What the running application may do on its own database: read and write rows. No DDL (CREATE,
     * ALTER, DROP, TRIGGER...: the migrations run as root), nothing global (no FILE, PROCESS, SUPER), no
     * other database.
     */
    static final String APP_RIGHTS = "SELECT, INSERT, UPDATE, DELETE";

    private final MariaDbFolder folder;
    private final int port;
    private final DatabaseCredentials credentials;
    private final ServerProcess server;
    private int users;

    private EmbeddedMariaDb(MariaDbFolder folder, int port, List<String> command, DatabaseCredentials credentials) {
        this.folder = folder;
        this.port = port;
        this.credentials = credentials;
        this.server = new ServerProcess(command, folder, jdbcUrl(""), credentials.rootPassword());
    }

    /** Starts the server for this folder, with the key in this keys folder, or joins the one this JVM runs there. */
    public static synchronized EmbeddedMariaDb start(Path dataDir, int port, Path keysDir) {
        Path key = dataDir.toAbsolutePath().normalize();
        EmbeddedMariaDb running = RUNNING.get(key);
        if (running != null) {
            running.users++;
            return running;
        }
        EmbeddedMariaDb started = launch(key, port, keysDir.toAbsolutePath().normalize());
        started.users = 1;
        RUNNING.put(key, started);
        return started;
    }

    private static EmbeddedMariaDb launch(Path dataDir, int requestedPort, Path keysDir) {
        MariaDbFolder folder = new MariaDbFolder(dataDir);
        folder.prepare(keysDir);
        MariaDbInstallation mariaDb = MariaDbInstallation.find();
        LeftOverServer.stopIfRunning(folder);
        int port = requestedPort == 0 ? LoopbackPort.free() : requestedPort;
        if (!LoopbackPort.isFree(port)) {
            throw new EmbeddedDatabaseException("Port " + port + " for the embedded MariaDB is already taken "
                    + "(another TinNhiem or MariaDB is running?). Stop it, or choose another port with "
                    + "--tinnhiem.db.port=N (0 picks a free one).", null);
        }
        boolean madeBefore = folder.isMadeAlready();
        mariaDb.checkCanOpen(folder);
        DatabaseKey databaseKey = DatabaseKey.openOrCreate(keysDir, madeBefore);
        Optional<DatabaseCredentials> known = folder.keptCredentials();
        DatabaseCredentials credentials = known.orElseGet(() -> DatabaseCredentials.generate(APP_USER));
        List<String> encryption = MariaDbOptions.encryption(databaseKey);
        if (!madeBefore) {
            mariaDb.install(folder, encryption);
        }
        List<String> command = MariaDbOptions.serverCommand(mariaDb.server(), folder, port, encryption);
        Path setup = null;
        try {
            if (known.isEmpty()) {
                setup = AccountSetUp.writeScript(folder, credentials);
            }
            long started = System.nanoTime();
            EmbeddedMariaDb embedded = new EmbeddedMariaDb(folder, port, command, credentials);
            // Only this first start runs the set-up script; a restart() of the same server does not.
            embedded.server.start(setup == null ? List.of() : List.of("--init-file=" + setup));
            try {
                embedded.server.awaitReady(known.isEmpty() ? null : folder.credentialsFile());
                log.info("Embedded MariaDB started on 127.0.0.1:{} in {} ms; data in {} (encrypted, key in {})",
                        port, (System.nanoTime() - started) / 1_000_000, folder.data(), keysDir);
                if (known.isEmpty()) {
                    AccountSetUp.keepIfTheyWork(credentials, embedded.jdbcUrl(""), folder, madeBefore);
                }
            } catch (IOException | RuntimeException e) {
                embedded.server.stop();
                throw e;
            }
            return embedded;
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The embedded MariaDB server did not start: " + e.getMessage()
                    + ". Check that the data folder " + dataDir + " is writable and not used by another server, "
                    + "and that the port is free. Or point the application at an external MariaDB with "
                    + "spring.datasource.url.", e);
        } finally {
            AccountSetUp.deleteScript(setup);
        }
    }

    /**
     * Stops the server cleanly and starts it again on the same folder, port and key, as an operator
     * restarting the database under a running application would (the tests play that).
     */
    public synchronized void restart() {
        server.stop();
        try {
            server.start(List.of());
            server.awaitReady(credentialsFile());
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The embedded MariaDB server did not start again: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the database if it is missing and gives the application's account its rights there (rows
     * only, and nowhere else); returns its JDBC URL, for the credentials of {@link #appUser()}. A database
     * made by an earlier version, whose account could change the schema, loses those rights here.
     */
    public String createDatabase(String name) {
        checkName(name);
        // In a grant, _ is a wildcard: escaped, the right covers this database and no look-alike.
        String grantee = " ON `" + name.replace("_", "\\_") + "`.* TO '" + credentials.appUser() + "'@'127.0.0.1'";
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            try {
                s.execute("REVOKE ALL PRIVILEGES" + grantee.replace(" TO ", " FROM "));
            } catch (SQLException noGrantYet) {
                // 1141: the account has no right there yet: nothing to take back.
                if (noGrantYet.getErrorCode() != 1141) {
                    throw noGrantYet;
                }
            }
            s.execute("GRANT " + APP_RIGHTS + grantee);
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

    /** Root's password: the owner of the schema, used by the migrations only. */
    String rootPassword() {
        return credentials.rootPassword();
    }

    /** The file that holds both accounts' passwords (mode 0600). */
    public Path credentialsFile() {
        return folder.credentialsFile();
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
        return folder.root();
    }

    /** The server's process id (tests kill it to play a power cut). */
    public long pid() {
        return server.pid();
    }

    /** Stops the server when the last user in this JVM lets go. */
    public void release() {
        synchronized (EmbeddedMariaDb.class) {
            if (--users > 0) {
                return;
            }
            RUNNING.remove(folder.root());
            server.stop();
        }
    }
}
