package vn.tinnhiem.shared.database;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * What the {@code backup} and {@code restore} commands were told (filled in by {@link BackupCommand}'s parser,
 * or by a test). The defaults are the hall server's folders (kiosk-setup/tinnhiem.properties). A socket or a
 * host means an external server or a Galera node rather than the application's embedded one; so does a
 * server data folder for a restore.
 */
final class BackupOptions {

    Path dataDir = Path.of("/var/lib/tinnhiem/mariadb");
    Path keysDir = Path.of("/var/lib/tinnhiem/keys");
    Path anchorFile = Path.of("/var/lib/tinnhiem/audit-anchors.txt");
    /** backup: where the database goes; restore: the backup folder read. */
    @Nullable Path target;
    @Nullable Path source;
    @Nullable Path keysTo;
    @Nullable Path anchorsTo;
    @Nullable Path anchorsFrom;
    @Nullable Path socket;
    @Nullable String host;
    int port = 3306;
    @Nullable Path credentials;
    @Nullable Path keyFile;
    @Nullable Path serverDatadir;
    boolean galeraInfo;

    boolean external() {
        return socket != null || host != null || serverDatadir != null;
    }

    /** The key the database's files are encrypted under: the embedded server's in the keys folder, or the one given. */
    Path databaseKey() {
        return keyFile != null ? BackupFolders.absolute(keyFile)
                : BackupFolders.absolute(keysDir).resolve(DatabaseKey.FILE_NAME);
    }

    Path tokenKey() {
        return BackupFolders.absolute(keysDir).resolve(KeyFileFingerprints.TOKEN_KEY);
    }
}
