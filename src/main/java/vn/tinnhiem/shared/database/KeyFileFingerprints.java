package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import vn.tinnhiem.shared.files.Sha256;

/**
 * Names a key file without holding it: the SHA-256 of the file's bytes, under a label of its own. A backup's
 * manifest records the fingerprints of the database key and the token key it was made under, so a restore
 * can tell "this keys folder is not the one" before MariaDB fails on a redo log it cannot read, or before the
 * application starts with a token key no printed card answers to. A hash of 32 random bytes reveals nothing
 * of them.
 *
 * <p>Not the token key's fingerprint that the application keeps in the database (token/internal, one key for
 * all instances): that one is an HMAC under the key itself, compared at each start; this one is of files, made
 * and compared by the backup commands alone, with no database and no Spring.
 */
final class KeyFileFingerprints {

    static final String DATABASE_KEY = DatabaseKey.FILE_NAME;
    static final String TOKEN_KEY = "token-hash.key";

    private KeyFileFingerprints() {
    }

    /** The fingerprint of this file, or empty when there is no such file. */
    static Optional<String> of(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            MessageDigest sha = Sha256.digest();
            sha.update(("tinnhiem key fingerprint/" + file.getFileName() + "/").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] bytes = Files.readAllBytes(file);
            sha.update(bytes);
            java.util.Arrays.fill(bytes, (byte) 0);
            return Optional.of(HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new BackupRefused("backup.error.keyUnreadable", file, e.getMessage());
        }
    }

    /** The first 16 hex digits, in groups of 4, to compare by eye. */
    static String shown(String fingerprint) {
        return String.join(" ", fingerprint.substring(0, 4), fingerprint.substring(4, 8), fingerprint.substring(8, 12),
                fingerprint.substring(12, 16));
    }
}
