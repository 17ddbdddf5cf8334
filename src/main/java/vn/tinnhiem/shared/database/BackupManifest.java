package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * {@code tinnhiem-backup.txt}, beside the database's files in a backup folder: what the backup is and which keys
 * it needs, never a key. {@code madeAt} is when the operator ran the command (the backup's own time, not a
 * voter's). {@code tokenKey} is empty when the keys folder had no token key (an external server's backup made
 * without the application's keys folder).
 */
record BackupManifest(Instant madeAt, String server, String databaseKey, @Nullable String tokenKey,
        boolean credentials, boolean galera) {

    static final String FILE_NAME = "tinnhiem-backup.txt";
    static final String DATABASE_FOLDER = "database";
    static final String FORMAT = "tinnhiem-backup/1";

    void write(Path folder) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("madeAt", madeAt.toString());
        p.setProperty("server", server);
        p.setProperty("databaseKey", databaseKey);
        p.setProperty("tokenKey", tokenKey == null ? "" : tokenKey);
        p.setProperty("credentials", Boolean.toString(credentials));
        p.setProperty("galera", Boolean.toString(galera));
        try (Writer w = Files.newBufferedWriter(folder.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            p.store(w, " TinNhiem database backup (mariadb-backup, files still encrypted). No key is in this folder:"
                    + " restoring needs the keys folder whose fingerprints are below.");
        }
    }

    /** The manifest of a backup folder, or empty when the folder is not one this command made. */
    static Optional<BackupManifest> read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file) || !Files.isDirectory(folder.resolve(DATABASE_FOLDER))) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            if (!FORMAT.equals(p.getProperty("format")) || p.getProperty("databaseKey", "").length() != 64) {
                return Optional.empty();
            }
            String token = p.getProperty("tokenKey", "");
            return Optional.of(new BackupManifest(Instant.parse(p.getProperty("madeAt")), p.getProperty("server", ""),
                    p.getProperty("databaseKey"), token.isEmpty() ? null : token,
                    Boolean.parseBoolean(p.getProperty("credentials")), Boolean.parseBoolean(p.getProperty("galera"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
