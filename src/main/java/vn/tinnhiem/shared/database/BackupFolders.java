package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The folder rules of the backup and restore commands: nothing is written over, nothing lands inside another. */
final class BackupFolders {

    private BackupFolders() {
    }

    static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /** A folder that does not exist yet or is empty: the only kind a backup or a restore writes into. */
    static boolean newOrEmpty(Path folder) {
        if (!Files.exists(folder)) {
            return true;
        }
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    static void requireNewOrEmpty(Path folder, String key) {
        if (!newOrEmpty(folder)) {
            throw new BackupRefused(key, folder);
        }
    }

    /** Whether one of the two is the other or inside it. */
    static boolean overlap(Path a, Path b) {
        return a.startsWith(b) || b.startsWith(a);
    }

    /** Makes the folder (and its parents), readable by its owner only. */
    static void createPrivate(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }

    /** Copies a file to a new file readable by its owner only from its first byte; never over an existing one. */
    static void copyPrivate(Path from, Path to) throws IOException {
        Files.createFile(to, PosixFilePermissions.asFileAttribute(DatabaseCredentials.OWNER_ONLY));
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Copies a folder's tree (regular files and folders), for a copy the prepare may change. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    createPrivate(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target);
                }
            }
        }
    }

    static long size(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Removes what a failed run made; quietly, since the run's own error is what the operator must read. */
    static void deleteQuietly(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Left for the operator; the error already printed says the run failed.
        }
    }
}
