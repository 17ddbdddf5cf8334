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
 */
@Component
public class TokenKey {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final byte[] DOMAIN = "TinNhiem voting card v1".getBytes(StandardCharsets.US_ASCII);
    static final int KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final Path path;

    TokenKey(@Value("${tinnhiem.tokens.key-file:${tinnhiem.keys.dir:keys}/token-hash.key}") String file,
            @Value("${tinnhiem.db.data-dir:data/mariadb}") String dataDir) {
        this.path = Path.of(file).toAbsolutePath().normalize();
        Path data = Path.of(dataDir).toAbsolutePath().normalize();
        if (path.startsWith(data)) {
            throw new IllegalStateException("The voting cards' key file " + path + " is inside the data folder " + data
                    + ": a copy or backup of the data would carry it. Keep it in the keys folder (--tinnhiem.keys.dir).");
        }
        moveFromTheDataFolder(data.resolve("token-hash.key"), path);
        byte[] bytes = loadOrCreate(path);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        Arrays.fill(bytes, (byte) 0);
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

    private static byte[] loadOrCreate(Path path) {
        try {
            Files.createDirectories(path.getParent());
            if (!Files.exists(path)) {
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    Files.write(path, fresh);
                } catch (FileAlreadyExistsException raced) {
                    // Another start made it first: use theirs.
                }
                Arrays.fill(fresh, (byte) 0);
            }
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
            throw new UncheckedIOException("The voting cards' key file " + path + " cannot be read or made", e);
        }
    }
}
