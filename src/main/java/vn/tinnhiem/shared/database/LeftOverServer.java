package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mariadbd still running on this folder (its application was killed with kill -9, which the server
 * outlives) holds the folder's lock, and the next start would fail: it is found by its pid file and
 * stopped, as its owner would, before a new one starts. Only a process whose command line names this
 * very data folder is touched.
 */
final class LeftOverServer {

    private static final Logger log = LoggerFactory.getLogger(LeftOverServer.class);

    private LeftOverServer() {
    }

    static void stopIfRunning(MariaDbFolder folder) {
        Path pidFile = folder.pidFile();
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            Optional<ProcessHandle> left = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> commandLine(pid).contains("--datadir=" + folder.data()));
            if (left.isPresent()) {
                log.warn("A MariaDB server (pid {}) left running on {} by an earlier run is stopped first.", pid,
                        folder.root());
                ProcessHandle p = left.get();
                p.destroy();
                try {
                    p.onExit().get(ServerProcess.STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception notYet) {
                    p.destroyForcibly();
                    p.onExit().get(ServerProcess.STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
            Files.deleteIfExists(pidFile);
        } catch (NumberFormatException | IOException e) {
            log.warn("The pid file {} could not be read ({}); ignored.", pidFile, e.getMessage());
        } catch (Exception e) {
            throw new EmbeddedDatabaseException("A MariaDB server left running on " + folder.root() + " could not be "
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
}
