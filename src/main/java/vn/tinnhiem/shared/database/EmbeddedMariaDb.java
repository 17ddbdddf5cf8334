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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
 */
public final class EmbeddedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    static final Map<Path, EmbeddedMariaDb> RUNNING = new ConcurrentHashMap<>();
    static final String APP_USER = "tinnhiem";
    static final String SOCKET = "mariadb.sock";
    static final String PID_FILE = "mariadbd.pid";
    static final String ERROR_LOG = "mariadbd.err";
    /** Where {@code secure_file_priv} points: the only folder INTO OUTFILE or LOAD_FILE may touch. */
    static final String FILES = "files";
    /**
     * What the running application may do on its own database: read and write rows. No DDL (CREATE,
     * ALTER, DROP, TRIGGER...: the migrations run as root), nothing global (no FILE, PROCESS, SUPER), no
     * other database.
     */
    static final String APP_RIGHTS = "SELECT, INSERT, UPDATE, DELETE";
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    /** A Unix socket's path must fit sun_path (108 bytes with its terminator). */
    private static final int SOCKET_PATH_MAX = 107;
    private static final long START_TIMEOUT_SECONDS = 120;
    private static final long STOP_TIMEOUT_SECONDS = 60;
    private static final List<String> SERVERS = List.of("/usr/sbin/mariadbd", "/usr/local/sbin/mariadbd",
            "/usr/bin/mariadbd");
    private static final List<String> INSTALLERS = List.of("/usr/bin/mariadb-install-db",
            "/usr/local/bin/mariadb-install-db", "/usr/bin/mysql_install_db");

    private final Path dataDir;
    private final int port;
    private final List<String> command;
    private final DatabaseCredentials credentials;
    private volatile Process process;
    private int users;

    private EmbeddedMariaDb(Path dataDir, int port, List<String> command, DatabaseCredentials credentials) {
        this.dataDir = dataDir;
        this.port = port;
        this.command = List.copyOf(command);
        this.credentials = credentials;
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
        Path data = dataDir.resolve("data");
        Path tmp = dataDir.resolve("tmp");
        Path files = dataDir.resolve(FILES);
        Path socket = dataDir.resolve(SOCKET);
        try {
            for (Path folder : List.of(data, tmp, files)) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The data folder " + dataDir + " cannot be created ("
                    + e.getMessage() + "). Choose a writable folder with --tinnhiem.db.data-dir=PATH.", e);
        }
        if (!Files.isWritable(data)) {
            throw new EmbeddedDatabaseException("The data folder " + dataDir + " is not writable. "
                    + "Give this user write access, or choose another folder with --tinnhiem.db.data-dir=PATH.", null);
        }
        if (keysDir.startsWith(dataDir)) {
            throw new EmbeddedDatabaseException("The keys folder " + keysDir + " is inside the data folder " + dataDir
                    + ": a copy or backup of the data would carry the key that opens it. Keep the keys apart "
                    + "(--tinnhiem.keys.dir=PATH, on removable media in a hall).", null);
        }
        keepToOwner(dataDir);
        keepToOwner(files);
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > SOCKET_PATH_MAX) {
            throw new EmbeddedDatabaseException("The data folder's path " + dataDir + " is too long for the "
                    + "server's socket (" + SOCKET_PATH_MAX + " bytes at most). Choose a shorter one with "
                    + "--tinnhiem.db.data-dir=PATH.", null);
        }
        Path server = firstExisting(SERVERS, "mariadbd");
        Path installer = firstExisting(INSTALLERS, "mariadb-install-db");
        stopLeftOver(dataDir, data);
        int port = requestedPort == 0 ? freePort() : requestedPort;
        if (!portIsFree(port)) {
            throw new EmbeddedDatabaseException("Port " + port + " for the embedded MariaDB is already taken "
                    + "(another TinNhiem or MariaDB is running?). Stop it, or choose another port with "
                    + "--tinnhiem.db.port=N (0 picks a free one).", null);
        }
        boolean madeBefore = isMadeAlready(data);
        checkVersion(data, server);
        DatabaseKey databaseKey = DatabaseKey.openOrCreate(keysDir, madeBefore);
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
        DatabaseCredentials credentials = known.orElseGet(() -> DatabaseCredentials.generate(APP_USER));
        List<String> encryption = encryptionOptions(databaseKey);
        if (!madeBefore) {
            install(installer, dataDir, data, encryption);
        }

        List<String> command = new ArrayList<>();
        command.add(server.toString());
        command.add("--no-defaults");
        command.add("--datadir=" + data);
        command.add("--tmpdir=" + tmp);
        command.add("--socket=" + socket);
        command.add("--port=" + port);
        command.add("--pid-file=" + dataDir.resolve(PID_FILE));
        command.add("--log-error=" + dataDir.resolve(ERROR_LOG));
        command.add("--user=" + System.getProperty("user.name"));
        command.add("--bind-address=127.0.0.1");
        command.add("--character-set-server=utf8mb4");
        command.add("--collation-server=utf8mb4_unicode_ci");
        command.add("--default-storage-engine=InnoDB");
        command.add("--innodb-buffer-pool-size=64M");
        command.add("--skip-name-resolve");
        command.add("--performance-schema=OFF");
        // Statements (and what they carry) leave no copy outside the tables, and no file outside files/.
        command.add("--skip-log-bin");
        command.add("--general-log=0");
        command.add("--slow-query-log=0");
        command.add("--secure-file-priv=" + files);
        command.add("--local-infile=0");
        // The list of pages in memory, written at shutdown, is of no use to a hall and one more file to copy.
        command.add("--innodb-buffer-pool-dump-at-shutdown=OFF");
        command.add("--innodb-buffer-pool-load-at-startup=OFF");
        // No TLS on the loopback: it would guard nothing the machine's root cannot read anyway.
        command.add("--skip-ssl");
        command.addAll(encryption);
        Path setup = null;
        try {
            if (known.isEmpty()) {
                setup = writeSetupScript(dataDir, credentials);
            }
            long started = System.nanoTime();
            EmbeddedMariaDb embedded = new EmbeddedMariaDb(dataDir, port, command, credentials);
            // Only this first start runs the set-up script; a restart() of the same server does not.
            embedded.process = embedded.spawn(setup == null ? List.of() : List.of("--init-file=" + setup));
            try {
                embedded.awaitReady(known.isEmpty() ? null : credentialsFile);
                log.info("Embedded MariaDB started on 127.0.0.1:{} in {} ms; data in {} (encrypted, key in {})",
                        port, (System.nanoTime() - started) / 1_000_000, data, keysDir);
                if (known.isEmpty()) {
                    embedded.finishSetUp(credentialsFile, madeBefore);
                }
            } catch (IOException | RuntimeException e) {
                embedded.stop();
                throw e;
            }
            return embedded;
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The embedded MariaDB server did not start: " + e.getMessage()
                    + ". Check that the data folder " + dataDir + " is writable and not used by another server, "
                    + "and that the port is free. Or point the application at an external MariaDB with "
                    + "spring.datasource.url.", e);
        } finally {
            deleteQuietly(setup);
        }
    }

    /**
     * Data at rest encrypted: every InnoDB tablespace (FORCE: a table cannot even be created in clear),
     * the redo log, InnoDB's temporary tablespace, the server's temporary files and on-disk temporary
     * tables. One background thread encrypts what is not yet (the system tablespace with its undo log).
     */
    private static List<String> encryptionOptions(DatabaseKey key) {
        return List.of(
                "--plugin-load-add=file_key_management",
                "--file-key-management-filename=" + key.file(),
                "--file-key-management-encryption-algorithm=AES_CTR",
                "--innodb-encrypt-tables=FORCE",
                "--innodb-encrypt-log=ON",
                "--innodb-encrypt-temporary-tables=ON",
                "--innodb-encryption-threads=1",
                "--encrypt-tmp-files=ON",
                "--encrypt-tmp-disk-tables=ON",
                "--aria-encrypt-tables=ON");
    }

    /** Makes a new folder's system tables, encrypted from their first page like everything after. */
    private static void install(Path installer, Path dataDir, Path data, List<String> encryption) {
        List<String> command = new ArrayList<>(List.of(installer.toString(), "--no-defaults",
                "--datadir=" + data, "--user=" + System.getProperty("user.name"),
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        command.addAll(encryption);
        Path output = dataDir.resolve("install.log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new EmbeddedDatabaseException("mariadb-install-db could not make the data folder " + data
                        + ": " + tail(output), null);
            }
            Files.deleteIfExists(output);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("mariadb-install-db could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("Interrupted while making the data folder " + data, e);
        }
    }

    private Process spawn(List<String> extra) throws IOException {
        List<String> all = new ArrayList<>(command);
        all.addAll(extra);
        return new ProcessBuilder(all)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve(ERROR_LOG).toFile()))
                .start();
    }

    /**
     * Stops the server cleanly and starts it again on the same folder, port and key, as an operator
     * restarting the database under a running application would (the tests play that).
     */
    public synchronized void restart() {
        stop();
        try {
            process = spawn(List.of());
            awaitReady(credentialsFile());
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The embedded MariaDB server did not start again: " + e.getMessage(), e);
        }
    }

    /** Waits until root can sign in (with the set-up's password, or the kept one), or the server gave up. */
    private void awaitReady(Path credentialsFile) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String why = tail(dataDir.resolve(ERROR_LOG));
                String hint = why.contains("decrypt") || why.contains("encryption") || why.contains("key")
                        ? " The key in the keys folder may not be the one this data folder was made with: bring the "
                                + "board's key media (--tinnhiem.keys.dir=PATH)."
                        : "";
                throw new EmbeddedDatabaseException("The embedded MariaDB server stopped while starting." + hint
                        + " Its last words (" + dataDir.resolve(ERROR_LOG) + "): " + why, null);
            }
            try (Connection root = adminConnection()) {
                root.isValid(5);
                return;
            } catch (SQLException e) {
                last = e;
                if (e.getErrorCode() == 1045 && credentialsFile != null) {
                    // The server answers, but not to the kept password: a folder restored without its file.
                    throw new EmbeddedDatabaseException("The passwords in " + credentialsFile + " do not open the "
                            + "embedded database (" + e.getMessage() + "). If the data folder was restored from a "
                            + "copy, restore the credentials file of the same copy; or delete the file to have new "
                            + "passwords made at the next start.", e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the server", e);
            }
        }
        throw new EmbeddedDatabaseException("The embedded MariaDB server did not answer within "
                + START_TIMEOUT_SECONDS + " s (" + (last == null ? "" : last.getMessage()) + "); see "
                + dataDir.resolve(ERROR_LOG), last);
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
            log.warn("The embedded database in {} had no credentials file (it was deleted): root and the "
                    + "application's account have new passwords, kept in {} (readable by this user only).",
                    dataDir, credentialsFile);
        } else {
            log.info("Embedded database accounts made; their passwords are in {} (readable by this user only).",
                    credentialsFile);
        }
    }

    /**
     * A mariadbd still running on this folder (its application was killed with kill -9, which the server
     * outlives) holds the folder's lock: stop it, as its owner would, before starting a new one. Only a
     * process whose command line names this very data folder is touched.
     */
    private static void stopLeftOver(Path dataDir, Path data) {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            Optional<ProcessHandle> left = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> commandLine(pid).contains("--datadir=" + data));
            if (left.isPresent()) {
                log.warn("A MariaDB server (pid {}) left running on {} by an earlier run is stopped first.", pid,
                        dataDir);
                ProcessHandle p = left.get();
                p.destroy();
                try {
                    p.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception notYet) {
                    p.destroyForcibly();
                    p.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
            Files.deleteIfExists(pidFile);
        } catch (NumberFormatException | IOException e) {
            log.warn("The pid file {} could not be read ({}); ignored.", pidFile, e.getMessage());
        } catch (Exception e) {
            throw new EmbeddedDatabaseException("A MariaDB server left running on " + dataDir + " could not be "
                    + "stopped (" + e.getMessage() + "). Stop it by hand (its pid is in " + pidFile + ").", e);
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** A folder made by a newer MariaDB (the 11.4 that earlier versions bundled) cannot be opened by 10.11. */
    private static void checkVersion(Path data, Path server) {
        Path marker = data.resolve("mysql_upgrade_info");
        if (!Files.exists(marker)) {
            return;
        }
        try {
            String made = Files.readString(marker).replace("\0", "").strip();
            String ours = serverVersion(server);
            if (compareVersions(made, ours) > 0) {
                throw new EmbeddedDatabaseException("The data folder " + data + " was made by MariaDB " + made
                        + ", newer than this server (" + ours + "), which cannot open it. Start on a new folder "
                        + "(--tinnhiem.db.data-dir=PATH) and enter the conference again, or keep running the version "
                        + "that made it.", null);
            }
        } catch (IOException e) {
            log.warn("Could not read {}: {}", marker, e.getMessage());
        }
    }

    private static String serverVersion(Path server) throws IOException {
        Process p = new ProcessBuilder(server.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var m = java.util.regex.Pattern.compile("Ver (\\d+\\.\\d+\\.\\d+)").matcher(out);
        return m.find() ? m.group(1) : "0";
    }

    /** Compares the leading major.minor.patch of two MariaDB version strings. */
    static int compareVersions(String a, String b) {
        String[] x = a.replaceAll("^(\\d+(?:\\.\\d+)*).*$", "$1").split("\\.");
        String[] y = b.replaceAll("^(\\d+(?:\\.\\d+)*).*$", "$1").split("\\.");
        for (int i = 0; i < Math.min(3, Math.max(x.length, y.length)); i++) {
            int p = i < x.length && !x[i].isEmpty() ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length && !y[i].isEmpty() ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static Path firstExisting(List<String> candidates, String what) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        throw new EmbeddedDatabaseException("MariaDB's " + what + " is not installed (looked in " + candidates
                + "). On Debian: apt-get install mariadb-server (the application starts its own server; the "
                + "system's service may stay stopped).", null);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
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

    /** The server's process id (tests kill it to play a power cut). */
    public long pid() {
        return process.pid();
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

    /** Asks the server to shut down cleanly (SIGTERM), and kills it if it has not within a minute. */
    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Embedded MariaDB did not stop within {} s; killed.", STOP_TIMEOUT_SECONDS);
                process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } else {
                log.info("Embedded MariaDB stopped; data kept in {}", dataDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
