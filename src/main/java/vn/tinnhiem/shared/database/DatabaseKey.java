package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The key the embedded server encrypts its data at rest under (AES-256), in the keys folder, never in
 * the data folder: a copy or backup of the data without it is noise. The file is in the format MariaDB's
 * {@code file_key_management} plugin reads ({@code 1;<64 hex digits>}), and the server reads it once, at
 * start, then holds the key in memory: in a hall the folder is on removable media the board brings, and
 * it may be taken away once the server runs. Lose it and the data folder, and its backups, cannot be read.
 */
record DatabaseKey(Path file) {

    static final String FILE_NAME = "database.key";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    /**
     * The key in this folder; made (32 random bytes) only for a data folder that does not exist yet:
     * a folder that holds data and a keys folder without its key is a missing key, not a new one.
     */
    static DatabaseKey openOrCreate(Path keysDir, boolean dataExists) {
        Path file = keysDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                if (dataExists) {
                    throw new EmbeddedDatabaseException("The key of the encrypted data folder is "
                            + "missing: no " + FILE_NAME + " in the keys folder " + keysDir + ". Bring the board's "
                            + "key media and point at it with --tinnhiem.keys.dir=PATH. Without that key the data "
                            + "cannot be read.", null);
                }
                Files.createDirectories(keysDir);
                Files.setPosixFilePermissions(keysDir, OWNER_ONLY_FOLDER);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.writeString(file, "1;" + HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
                java.util.Arrays.fill(key, (byte) 0);
            }
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!text.matches("1;[0-9a-fA-F]{64}")) {
                throw new EmbeddedDatabaseException("The key file " + file + " is not a database "
                        + "key (one line: 1;64 hex digits). Restore it from the board's key media.", null);
            }
            return new DatabaseKey(file.toAbsolutePath());
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The keys folder " + keysDir + " cannot be used ("
                    + e.getMessage() + "). Choose another with --tinnhiem.keys.dir=PATH.", e);
        }
    }
}
