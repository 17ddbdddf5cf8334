package vn.tinnhiem.shared.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Names a key file without holding it: the SHA-256 of its bytes, under a label of its own. A backup records
 * the fingerprints of the keys it was made under, so a restore can tell "this key folder is not the one"
 * before MariaDB fails on a log it cannot read. A hash of 32 random bytes reveals nothing of them.
 */
final class KeyFingerprints {

    static final String DATABASE_KEY = DatabaseKey.FILE_NAME;
    static final String TOKEN_KEY = "token-hash.key";

    private KeyFingerprints() {
    }

    /** The fingerprint of this file, or empty when there is no such file. */
    static Optional<String> of(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("tinnhiem key fingerprint/" + file.getFileName() + "/").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] bytes = Files.readAllBytes(file);
            sha.update(bytes);
            java.util.Arrays.fill(bytes, (byte) 0);
            return Optional.of(HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new BackupRefused("backup.error.keyUnreadable", file, e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 16 hex digits, in groups of 4, to compare by eye. */
    static String shown(String fingerprint) {
        return String.join(" ", fingerprint.substring(0, 4), fingerprint.substring(4, 8), fingerprint.substring(8, 12),
                fingerprint.substring(12, 16));
    }
}
