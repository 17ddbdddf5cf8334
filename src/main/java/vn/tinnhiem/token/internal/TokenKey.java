package vn.tinnhiem.token.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The server key under which tokens are hashed (HMAC-SHA-256): 32 random bytes in the keys folder
 * ({@code tinnhiem.keys.dir}), readable by the service user only, made on first use. Never in the data
 * folder or its backups: whoever holds a copy of the data cannot test a card's code against the stored
 * hashes. Losing the file makes every printed card unknown, so the board keeps a copy of the keys folder.
 * <p>
 * Every instance on one database must hash under the same key (a standby copies the keys folder of the first
 * instance): the database holds the key's fingerprint, written by the first instance to start on it, and an
 * instance whose key differs, or which has no key file while the database already names one, refuses to
 * start ({@link TokenKeyRefusedException}) rather than make its own key and read every printed card as unknown.
 */
@Component
public class TokenKey {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final byte[] DOMAIN = "TinNhiem voting card v1".getBytes(StandardCharsets.US_ASCII);
    /**
     * What the fingerprint is an HMAC of, under the key itself. An HMAC is a pseudo-random function of its
     * key: its output tells whether two keys are equal and reveals nothing that helps to find the key, and
     * testing a guess needs the guessed 32 bytes. The text does not begin with {@link #DOMAIN}, so no token's
     * hash ever equals the fingerprint, and a copy of the database gains nothing to test a card's code with.
     * A plain SHA-256 of the key would do as well today; the HMAC keeps the fingerprint apart from any
     * other digest of the key file (a checksum in a backup's list, say) by construction, not by luck.
     */
    private static final byte[] FINGERPRINT_TEXT = "TinNhiem token key fingerprint v1".getBytes(StandardCharsets.US_ASCII);
    static final String NAME = "token-hash";
    static final int KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final Path path;

    TokenKey(@Value("${tinnhiem.tokens.key-file:${tinnhiem.keys.dir:keys}/token-hash.key}") String file,
            @Value("${tinnhiem.db.data-dir:data/mariadb}") String dataDir, KeyFingerprints fingerprints) {
        this.path = Path.of(file).toAbsolutePath().normalize();
        Path data = Path.of(dataDir).toAbsolutePath().normalize();
        if (path.startsWith(data)) {
            throw new IllegalStateException("The voting cards' key file " + path + " is inside the data folder " + data
                    + ": a copy or backup of the data would carry it. Keep it in the keys folder (--tinnhiem.keys.dir).");
        }
        moveFromTheDataFolder(data.resolve("token-hash.key"), path);
        if (!Files.exists(path) && (fingerprints.stored(NAME).isPresent() || fingerprints.cardsPrinted())) {
            throw TokenKeyRefusedException.missing(path);
        }
        boolean made = makeIfAbsent(path);
        byte[] bytes = load(path);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        Arrays.fill(bytes, (byte) 0);
        byte[] mine = fingerprint();
        if (!MessageDigest.isEqual(mine, fingerprints.recordIfAbsent(NAME, mine))) {
            if (made) {
                // Made a moment ago and never used (another instance's key won): leave no wrong key behind.
                forget(path);
            }
            throw TokenKeyRefusedException.differs(path);
        }
    }

    /** The key's fingerprint as the database holds it: HMAC-SHA-256(key, {@link #FINGERPRINT_TEXT}). */
    byte[] fingerprint() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(FINGERPRINT_TEXT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }

    public Path path() {
        return path;
    }

    /** The keyed hash of a token: 32 bytes, the only form in which a token is stored. */
    public byte[] hash(byte[] token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(DOMAIN);
            return mac.doFinal(token);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }

    /** Earlier versions kept the key beside the database's files; it moves to the keys folder, once. */
    private static void moveFromTheDataFolder(Path old, Path path) {
        try {
            if (Files.exists(old) && !Files.exists(path)) {
                Files.createDirectories(path.getParent());
                Files.move(old, path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The voting cards' key file " + old + " could not be moved to " + path, e);
        }
    }

    /** Makes a new key file unless there is one; answers whether this call made it. */
    private static boolean makeIfAbsent(Path path) {
        try {
            Files.createDirectories(path.getParent());
            if (Files.exists(path)) {
                return false;
            }
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            try {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.write(path, fresh);
                return true;
            } catch (FileAlreadyExistsException raced) {
                // Another start made it first: use theirs.
                return false;
            } finally {
                Arrays.fill(fresh, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The voting cards' key file " + path + " cannot be made", e);
        }
    }

    private static byte[] load(Path path) {
        try {
            if (!Files.getPosixFilePermissions(path).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(path, OWNER_ONLY);
            }
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length != KEY_BYTES) {
                throw new IllegalStateException("The voting cards' key file " + path + " holds " + bytes.length
                        + " bytes, not " + KEY_BYTES + ". Restore it from a backup: without it no printed card works.");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("The voting cards' key file " + path + " cannot be read", e);
        }
    }

    private static void forget(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("The voting cards' key file " + path + " cannot be deleted", e);
        }
    }
}
