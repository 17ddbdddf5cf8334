package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Puts a backup made by {@link DatabaseBackup} onto a fresh machine: checks everything first (the folder is a
 * backup, the keys folder holds the keys it was made under, the data folder is new or empty, the anchor file
 * is not there yet) and writes nothing until all holds; then copies the backup's files into a staging folder,
 * prepares them there with the key (mariadb-backup applies the redo log), moves them into the data folder, and
 * brings back the embedded server's {@code credentials.cnf} and, when given apart, the audit anchors. The
 * backup folder itself is only read. A failure removes what this run made.
 */
final class DatabaseRestore {

    private static final String STAGING = "restore-staging";
    private static final String PREPARE_OPTIONS = "restore-prepare.cnf";

    private final BackupOptions o;
    private final DatabaseBackup.Say say;

    DatabaseRestore(BackupOptions options, DatabaseBackup.Say say) {
        this.o = options;
        this.say = say;
    }

    void run() {
        Path from = BackupFolders.absolute(DatabaseBackup.require(o.source, "--from"));
        BackupManifest manifest = BackupManifest.read(from)
                .orElseThrow(() -> new BackupRefused("restore.error.notABackup", from));
        Path key = o.databaseKey();
        checkKey(key, manifest.databaseKey(), "restore.error.noKey", "restore.error.wrongKey");
        if (manifest.tokenKey() != null && !o.external()) {
            checkKey(o.tokenKey(), manifest.tokenKey(), "restore.error.noTokenKey", "restore.error.wrongTokenKey");
        }
        Path home = BackupFolders.absolute(o.external() ? DatabaseBackup.require(o.serverDatadir, "--datadir") : o.dataDir);
        BackupFolders.requireNewOrEmpty(home, "restore.error.notEmpty");
        if (!o.external() && BackupFolders.overlap(BackupFolders.absolute(o.keysDir), home)) {
            throw new BackupRefused("backup.error.insideData", o.keysDir, home);
        }
        Path anchors = BackupFolders.absolute(o.anchorFile);
        Path anchorsCopy = o.anchorsFrom == null ? null : anchorsCopy(BackupFolders.absolute(o.anchorsFrom), anchors);
        MariaDbBackupTool tool = MariaDbBackupTool.find();

        // The embedded server keeps its files in data/ under its folder; an external server's datadir is the folder.
        Path datadir = o.external() ? home : home.resolve("data");
        Path work = o.external() ? home.resolveSibling(home.getFileName() + "." + STAGING) : home.resolve(STAGING);
        Path options = o.external() ? home.resolveSibling(home.getFileName() + "." + PREPARE_OPTIONS)
                : home.resolve(PREPARE_OPTIONS);
        // Beside the folder, not in it: a failed run empties the folder, and the log says why.
        Path log = home.resolveSibling(home.getFileName() + ".restore.log");
        boolean homeExisted = Files.exists(home);
        try {
            long started = System.nanoTime();
            BackupFolders.createPrivate(home);
            BackupFolders.requireNewOrEmpty(work, "restore.error.notEmpty");
            BackupFolders.copyTree(from.resolve(BackupManifest.DATABASE_FOLDER), work);
            writePrepareOptions(options, key, work);
            tool.run(options, List.of("--prepare", "--target-dir=" + work), log);
            tool.run(options, List.of("--move-back", "--target-dir=" + work, "--datadir=" + datadir), log);
            BackupFolders.deleteQuietly(work);
            Files.deleteIfExists(options);
            Path credentials = from.resolve(DatabaseCredentials.FILE_NAME);
            if (!o.external() && Files.isRegularFile(credentials)) {
                BackupFolders.copyPrivate(credentials, home.resolve(DatabaseCredentials.FILE_NAME));
            }
            if (anchorsCopy != null) {
                Files.createDirectories(anchors.toAbsolutePath().getParent());
                BackupFolders.copyPrivate(anchorsCopy, anchors);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            say.line("restore.done", from, home, manifest.madeAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .toString().replace('T', ' ').replace("Z", ""),
                    String.format(java.util.Locale.ROOT, "%.1f", seconds));
            say.line(anchorsCopy != null ? "restore.done.anchors" : "restore.noAnchors", anchors);
            say.line(o.external() ? "restore.next.external" : "restore.next.embedded", home,
                    o.external() ? key : o.keysDir, anchors);
        } catch (IOException e) {
            undo(home, homeExisted, work, options);
            throw new BackupRefused("restore.error.cannotWrite", home, e.getMessage());
        } catch (RuntimeException e) {
            undo(home, homeExisted, work, options);
            throw e;
        }
    }

    private static void checkKey(Path file, String expected, String missing, String wrong) {
        String found = KeyFileFingerprints.of(file).orElseThrow(() -> new BackupRefused(missing, file));
        if (!found.equals(expected)) {
            throw new BackupRefused(wrong, file, KeyFileFingerprints.shown(found), KeyFileFingerprints.shown(expected));
        }
    }

    /** The anchor file kept apart, to bring back where the application reads it; never over an existing one. */
    private static Path anchorsCopy(Path folder, Path anchors) {
        Path copy = Files.isRegularFile(folder) ? folder : folder.resolve(anchors.getFileName());
        if (!Files.isRegularFile(copy)) {
            Optional<Path> only = onlyFile(folder);
            copy = only.orElseThrow(() -> new BackupRefused("restore.error.noAnchorCopy", folder));
        }
        if (Files.exists(anchors)) {
            throw new BackupRefused("restore.error.anchorsExist", anchors);
        }
        return copy;
    }

    private static Optional<Path> onlyFile(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            return all.size() == 1 ? Optional.of(all.getFirst()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The prepare needs the encryption plugin and the key to read the redo log. The backup names the key file
     * by the path it had on the old machine; this file names the keys folder brought to this one.
     */
    private static void writePrepareOptions(Path options, Path key, Path work) throws IOException {
        String pluginDir = backupSetting(work, "plugin_dir").orElse("/usr/lib/mysql/plugin");
        String algorithm = backupSetting(work, "file_key_management_encryption_algorithm").orElse("AES_CTR");
        Files.deleteIfExists(options);
        Files.createFile(options, PosixFilePermissions.asFileAttribute(DatabaseCredentials.OWNER_ONLY));
        Files.writeString(options, """
                [mysqld]
                plugin_dir=%s
                plugin_load_add=file_key_management
                file_key_management_filename=%s
                file_key_management_encryption_algorithm=%s
                """.formatted(pluginDir, key, algorithm), StandardCharsets.UTF_8);
    }

    private static Optional<String> backupSetting(Path work, String name) {
        try (Stream<String> lines = Files.lines(work.resolve("backup-my.cnf"), StandardCharsets.UTF_8)) {
            return lines.map(String::strip).filter(l -> l.startsWith(name + "="))
                    .map(l -> l.substring(name.length() + 1).replace("\"", "").strip()).findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static void undo(Path home, boolean homeExisted, Path work, @Nullable Path options) {
        BackupFolders.deleteQuietly(work);
        if (options != null) {
            BackupFolders.deleteQuietly(options);
        }
        if (homeExisted) {
            // It was empty before this run: empty it again, keep the folder itself.
            try (Stream<Path> entries = Files.list(home)) {
                entries.toList().forEach(BackupFolders::deleteQuietly);
            } catch (IOException e) {
                // The error already printed says the restore failed.
            }
        } else {
            BackupFolders.deleteQuietly(home);
        }
    }
}
