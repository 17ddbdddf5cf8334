package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mariadbd process itself: started with its command line, waited for until root can sign in, and
 * stopped cleanly (SIGTERM, as the server expects, so it flushes its redo log) or killed if it will not.
 * Its output goes to the error log in the data folder, which a failure message quotes.
 */
final class ServerProcess {

    static final long START_TIMEOUT_SECONDS = 120;
    static final long STOP_TIMEOUT_SECONDS = 60;
    private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);

    private final List<String> command;
    private final MariaDbFolder folder;
    private final String serverUrl;
    private final String rootPassword;
    private volatile Process process;

    /** {@code serverUrl}: the JDBC URL of the server without a database, to sign in to as root. */
    ServerProcess(List<String> command, MariaDbFolder folder, String serverUrl, String rootPassword) {
        this.command = List.copyOf(command);
        this.folder = folder;
        this.serverUrl = serverUrl;
        this.rootPassword = rootPassword;
    }

    /** Starts the server with its command line and these options for this start only (the set-up script). */
    void start(List<String> extra) throws IOException {
        List<String> all = new ArrayList<>(command);
        all.addAll(extra);
        process = new ProcessBuilder(all)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.errorLog().toFile()))
                .start();
    }

    /**
     * Waits until root can sign in (with the set-up's password, or the kept one), or the server gave up.
     * {@code credentialsFile}: where the kept passwords came from, to name it if they no longer open the
     * server; null on a start that sets the passwords up.
     */
    void awaitReady(Path credentialsFile) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String why = MariaDbFolder.tail(folder.errorLog());
                String hint = why.contains("decrypt") || why.contains("encryption") || why.contains("key")
                        ? " The key in the keys folder may not be the one this data folder was made with: bring the "
                                + "board's key media (--tinnhiem.keys.dir=PATH)."
                        : "";
                throw new EmbeddedDatabaseException("The embedded MariaDB server stopped while starting." + hint
                        + " Its last words (" + folder.errorLog() + "): " + why, null);
            }
            try (Connection root = DriverManager.getConnection(serverUrl, "root", rootPassword)) {
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
                + folder.errorLog(), last);
    }

    long pid() {
        return process.pid();
    }

    /** Asks the server to shut down cleanly (SIGTERM), and kills it if it has not within a minute. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Embedded MariaDB did not stop within {} s; killed.", STOP_TIMEOUT_SECONDS);
                process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } else {
                log.info("Embedded MariaDB stopped; data kept in {}", folder.root());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
