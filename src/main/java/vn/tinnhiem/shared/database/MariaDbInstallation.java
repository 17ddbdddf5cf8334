package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB programs installed on this machine (Debian's 10.11 packages: the application starts its
 * own server from them, the system's service may stay stopped): the server, and the installer that makes
 * a new data folder's system tables. Also whether this server can open a folder at all.
 */
record MariaDbInstallation(Path server, Path installer) {

    private static final Logger log = LoggerFactory.getLogger(MariaDbInstallation.class);
    private static final List<String> SERVERS = List.of("/usr/sbin/mariadbd", "/usr/local/sbin/mariadbd",
            "/usr/bin/mariadbd");
    private static final List<String> INSTALLERS = List.of("/usr/bin/mariadb-install-db",
            "/usr/local/bin/mariadb-install-db", "/usr/bin/mysql_install_db");

    static MariaDbInstallation find() {
        Path server = firstExisting(SERVERS, "mariadbd");
        Path installer = firstExisting(INSTALLERS, "mariadb-install-db");
        return new MariaDbInstallation(server, installer);
    }

    /** Makes a new folder's system tables, encrypted from their first page like everything after. */
    void install(MariaDbFolder folder, List<String> encryption) {
        Path data = folder.data();
        List<String> command = new ArrayList<>(List.of(installer.toString(), "--no-defaults",
                "--datadir=" + data, "--user=" + System.getProperty("user.name"),
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        command.addAll(encryption);
        Path output = folder.root().resolve("install.log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(ServerProcess.START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new EmbeddedDatabaseException("mariadb-install-db could not make the data folder " + data
                        + ": " + MariaDbFolder.tail(output), null);
            }
            Files.deleteIfExists(output);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("mariadb-install-db could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("Interrupted while making the data folder " + data, e);
        }
    }

    /** A folder made by a newer MariaDB (the 11.4 that earlier versions bundled) cannot be opened by 10.11. */
    void checkCanOpen(MariaDbFolder folder) {
        Path data = folder.data();
        Path marker = data.resolve("mysql_upgrade_info");
        if (!Files.exists(marker)) {
            return;
        }
        try {
            String made = Files.readString(marker).replace("\0", "").strip();
            String ours = serverVersion();
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

    private String serverVersion() throws IOException {
        Process p = new ProcessBuilder(server.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var m = Pattern.compile("Ver (\\d+\\.\\d+\\.\\d+)").matcher(out);
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
}
