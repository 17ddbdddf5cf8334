package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Takes a backup while the server runs, in three places kept apart:
 * <ul>
 * <li>{@code --to DIR}: the database as {@code mariadb-backup} copies it ({@code DIR/database/}, still encrypted:
 * no row, card hash, tracking code or name in clear), the embedded server's {@code credentials.cnf} (its accounts'
 * passwords, which the copied grant tables expect; not a key) and {@code tinnhiem-backup.txt} (the fingerprints
 * of the keys it needs, never a key);</li>
 * <li>{@code --keys-to KDIR}: the keys folder ({@code database.key}, {@code token-hash.key}); never inside DIR,
 * since a backup that carries its key is a readable backup;</li>
 * <li>{@code --anchors-to ADIR}: the audit anchor file; never inside DIR, since a restore that brings back the
 * anchors with an older database would hide that it is older.</li>
 * </ul>
 */
final class DatabaseBackup {

    /** One line of what the command tells the operator: a bundle key and its arguments. */
    interface Say {
        void line(String key, Object... args);
    }

    private final BackupOptions o;
    private final Say say;

    DatabaseBackup(BackupOptions options, Say say) {
        this.o = options;
        this.say = say;
    }

    void run() {
        Path to = BackupFolders.absolute(require(o.target, "--to"));
        Path keysTo = o.keysTo == null ? null : BackupFolders.absolute(o.keysTo);
        Path anchorsTo = o.anchorsTo == null ? null : BackupFolders.absolute(o.anchorsTo);
        Path dataDir = BackupFolders.absolute(o.dataDir);
        Path keysDir = BackupFolders.absolute(o.keysDir);
        checkTargets(to, keysTo, anchorsTo, dataDir, keysDir);
        Path credentials = credentials(dataDir);
        Path key = o.databaseKey();
        String keyPrint = KeyFileFingerprints.of(key).orElseThrow(() -> new BackupRefused("backup.error.noKey", key));
        Optional<String> tokenPrint = KeyFileFingerprints.of(o.tokenKey());
        MariaDbBackupTool tool = MariaDbBackupTool.find();

        List<Path> made = new ArrayList<>();
        try {
            // The anchors first: they only grow, so every anchor copied names entries the database's copy, taken
            // after, holds; a restore of this backup with these anchors then checks as intact.
            if (anchorsTo != null) {
                made.add(anchorsTo);
                copyAnchors(anchorsTo);
            }
            long started = System.nanoTime();
            made.add(to);
            BackupFolders.createPrivate(to);
            Path log = to.resolve("mariadb-backup.log");
            tool.run(credentials, backupArguments(to.resolve(BackupManifest.DATABASE_FOLDER), dataDir), log);
            if (!o.external()) {
                BackupFolders.copyPrivate(credentials, to.resolve(DatabaseCredentials.FILE_NAME));
            }
            new BackupManifest(Instant.now(), serverVersion(to.resolve(BackupManifest.DATABASE_FOLDER)), keyPrint,
                    tokenPrint.orElse(null), !o.external(), o.galeraInfo).write(to);
            double seconds = (System.nanoTime() - started) / 1e9;
            say.line("backup.done.database", to, megabytes(BackupFolders.size(to)), String.format(java.util.Locale.ROOT,
                    "%.1f", seconds));
            say.line("backup.done.fingerprint", KeyFileFingerprints.shown(keyPrint));
            if (keysTo != null) {
                made.add(keysTo);
                copyKeys(keysTo, key);
                say.line("backup.done.keys", keysTo);
            } else {
                say.line("backup.keysNotTaken", o.keyFile != null ? key : keysDir);
            }
            if (anchorsTo == null) {
                say.line("backup.anchorsNotTaken", o.anchorFile);
            }
            say.line("backup.keepApart");
        } catch (IOException e) {
            made.forEach(BackupFolders::deleteQuietly);
            throw new BackupRefused("backup.error.cannotWrite", to, e.getMessage());
        } catch (RuntimeException e) {
            made.forEach(BackupFolders::deleteQuietly);
            throw e;
        }
    }

    private void checkTargets(Path to, @Nullable Path keysTo, @Nullable Path anchorsTo, Path dataDir, Path keysDir) {
        BackupFolders.requireNewOrEmpty(to, "backup.error.notEmpty");
        List<Path> targets = new ArrayList<>(List.of(to));
        for (Path p : new Path[] {keysTo, anchorsTo}) {
            if (p != null) {
                BackupFolders.requireNewOrEmpty(p, "backup.error.notEmpty");
                for (Path other : targets) {
                    if (BackupFolders.overlap(p, other)) {
                        throw new BackupRefused("backup.error.notApart", p, other);
                    }
                }
                targets.add(p);
            }
        }
        for (Path p : targets) {
            if (!o.external() && BackupFolders.overlap(p, dataDir)) {
                throw new BackupRefused("backup.error.insideData", p, dataDir);
            }
            if (BackupFolders.overlap(p, keysDir) && o.keyFile == null) {
                throw new BackupRefused("backup.error.insideKeys", p, keysDir);
            }
        }
    }

    /** The option file with the account mariadb-backup signs in with: the embedded server's root, or the one given. */
    private Path credentials(Path dataDir) {
        if (o.external()) {
            Path given = require(o.credentials, "--credentials");
            if (!Files.isReadable(given)) {
                throw new BackupRefused("backup.error.noCredentials", given);
            }
            return BackupFolders.absolute(given);
        }
        if (!Files.isDirectory(dataDir.resolve("data"))) {
            throw new BackupRefused("backup.error.noDataFolder", dataDir);
        }
        Path file = dataDir.resolve(DatabaseCredentials.FILE_NAME);
        if (!Files.isReadable(file)) {
            throw new BackupRefused("backup.error.noCredentials", file);
        }
        if (!Files.exists(dataDir.resolve(MariaDbFolder.SOCKET))) {
            throw new BackupRefused("backup.error.notRunning", dataDir);
        }
        return file;
    }

    private List<String> backupArguments(Path database, Path dataDir) {
        List<String> args = new ArrayList<>(List.of("--backup", "--target-dir=" + database));
        if (o.external()) {
            if (o.socket != null) {
                args.add("--socket=" + BackupFolders.absolute(o.socket));
            } else {
                args.add("--host=" + o.host);
                args.add("--port=" + o.port);
            }
            if (o.serverDatadir != null) {
                args.add("--datadir=" + BackupFolders.absolute(o.serverDatadir));
            }
        } else {
            args.add("--socket=" + dataDir.resolve(MariaDbFolder.SOCKET));
            args.add("--datadir=" + dataDir.resolve("data"));
        }
        if (o.galeraInfo) {
            // The node's cluster position, so a node restored from it can join by an incremental transfer.
            args.add("--galera-info");
        }
        return args;
    }

    private void copyKeys(Path keysTo, Path key) throws IOException {
        BackupFolders.createPrivate(keysTo);
        BackupFolders.copyPrivate(key, keysTo.resolve(DatabaseKey.FILE_NAME));
        Path token = o.tokenKey();
        if (Files.isRegularFile(token)) {
            BackupFolders.copyPrivate(token, keysTo.resolve(KeyFileFingerprints.TOKEN_KEY));
        }
    }

    private void copyAnchors(Path anchorsTo) throws IOException {
        Path anchors = BackupFolders.absolute(o.anchorFile);
        BackupFolders.createPrivate(anchorsTo);
        if (Files.isRegularFile(anchors)) {
            BackupFolders.copyPrivate(anchors, anchorsTo.resolve(anchors.getFileName()));
            say.line("backup.done.anchors", anchorsTo.resolve(anchors.getFileName()));
        } else {
            say.line("backup.noAnchorFile", anchors);
        }
    }

    /** "10.11.19-MariaDB-0+deb12u1", as mariadb-backup noted it in xtrabackup_info. */
    private static String serverVersion(Path database) {
        try (Stream<String> lines = Files.lines(database.resolve("xtrabackup_info"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("server_version")).map(l -> l.substring(l.indexOf('=') + 1).strip())
                    .findFirst().orElse("");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1e6);
    }

    static <T> T require(@Nullable T value, String option) {
        if (value == null) {
            throw new BackupRefused("backup.error.missingOption", option);
        }
        return value;
    }
}
