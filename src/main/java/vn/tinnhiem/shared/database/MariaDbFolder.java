package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's folder and what it holds: the data, the temporary files, the one folder the
 * server may read or write files in, its socket, pid file and error log, and the credentials file. The
 * folder is the owner's only (0700) before the server starts, so none of these is open to another user
 * of the machine; the key that opens the data is never kept here ({@link DatabaseKey}).
 */
record MariaDbFolder(Path root) {

    private static final Logger log = LoggerFactory.getLogger(MariaDbFolder.class);
    static final String SOCKET = "mariadb.sock";
    static final String PID_FILE = "mariadbd.pid";
    static final String ERROR_LOG = "mariadbd.err";
    /** Where {@code secure_file_priv} points: the only folder INTO OUTFILE or LOAD_FILE may touch. */
    static final String FILES = "files";
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    /** A Unix socket's path must fit sun_path (108 bytes with its terminator). */
    private static final int SOCKET_PATH_MAX = 107;

    Path data() {
        return root.resolve("data");
    }

    Path tmp() {
        return root.resolve("tmp");
    }

    Path files() {
        return root.resolve(FILES);
    }

    Path socket() {
        return root.resolve(SOCKET);
    }

    Path pidFile() {
        return root.resolve(PID_FILE);
    }

    Path errorLog() {
        return root.resolve(ERROR_LOG);
    }

    Path credentialsFile() {
        return root.resolve(DatabaseCredentials.FILE_NAME);
    }

    /**
     * Makes the folders and keeps them to their owner, or says why it cannot. A keys folder inside the
     * data folder is refused: a copy or backup of the data would carry the key that opens it.
     */
    void prepare(Path keysDir) {
        try {
            for (Path folder : List.of(data(), tmp(), files())) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The data folder " + root + " cannot be created ("
                    + e.getMessage() + "). Choose a writable folder with --tinnhiem.db.data-dir=PATH.", e);
        }
        if (!Files.isWritable(data())) {
            throw new EmbeddedDatabaseException("The data folder " + root + " is not writable. "
                    + "Give this user write access, or choose another folder with --tinnhiem.db.data-dir=PATH.", null);
        }
        if (keysDir.startsWith(root)) {
            throw new EmbeddedDatabaseException("The keys folder " + keysDir + " is inside the data folder " + root
                    + ": a copy or backup of the data would carry the key that opens it. Keep the keys apart "
                    + "(--tinnhiem.keys.dir=PATH, on removable media in a hall).", null);
        }
        keepToOwner(root);
        keepToOwner(files());
        if (socket().toString().getBytes(StandardCharsets.UTF_8).length > SOCKET_PATH_MAX) {
            throw new EmbeddedDatabaseException("The data folder's path " + root + " is too long for the "
                    + "server's socket (" + SOCKET_PATH_MAX + " bytes at most). Choose a shorter one with "
                    + "--tinnhiem.db.data-dir=PATH.", null);
        }
    }

    /** Whether mariadb-install-db ran here before: an old folder, as opposed to a new one. */
    boolean isMadeAlready() {
        return Files.isDirectory(data().resolve("mysql"));
    }

    /**
     * The accounts' passwords kept here, made the owner's only again if they were not; empty for a new
     * folder, or one whose file was deleted (its accounts are then set up again: {@link AccountSetUp}).
     */
    Optional<DatabaseCredentials> keptCredentials() {
        Path file = credentialsFile();
        try {
            Optional<DatabaseCredentials> known = DatabaseCredentials.read(file);
            if (known.isPresent()) {
                keepFileToOwner(file);
            }
            return known;
        } catch (IOException | IllegalArgumentException e) {
            throw new EmbeddedDatabaseException("The embedded database's credentials file " + file
                    + " cannot be read (" + e.getMessage() + "). Restore it from a backup, or delete it to have new "
                    + "passwords made at the next start.", e);
        }
    }

    /** The last lines of one of the server's logs: what a failure message quotes. */
    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
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
}
