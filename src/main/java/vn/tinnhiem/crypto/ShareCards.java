package vn.tinnhiem.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;
import vn.tinnhiem.crypto.internal.Base32;
import vn.tinnhiem.crypto.internal.ByteWriter;
import vn.tinnhiem.crypto.internal.Nonces;

/**
 * Share cards: the text in a teller's QR code, "TN1S:" + RFC 4648 base32 (upper case, no
 * padding: QR alphanumeric mode) of a versioned payload with a checksum; optionally the share is
 * sealed under a passphrase (Argon2id, then AES-256-GCM). Layout in docs/protocol.md.
 */
public final class ShareCards {
    public static final String PREFIX = "TN1S:";
    static final int VERSION = 1;
    static final int FLAG_PASSPHRASE = 1;
    static final int HASH_PREFIX = 8;
    static final int HEADER = 13; // version, flags, 8 hash bytes, teller, k, n
    static final int SALT = 16;
    static final int NONCE = 12;
    static final int TAG = 16;
    static final int CHECK = 4;
    /** Argon2id parameters (RFC 9106 second recommendation, p = 1): t = 3, m = 64 MiB. */
    static final int ARGON_ITERATIONS = 3;
    static final int ARGON_MEMORY_KIB = 64 * 1024;
    static final int ARGON_PARALLELISM = 1;

    static final String NONCE_TAG = "TN1/nonce/card";

    private ShareCards() {}

    /** Why a card was refused. */
    public enum Reason {
        NOT_A_SHARE_CARD,
        BAD_CHARACTERS,
        WRONG_LENGTH,
        CHECKSUM_MISMATCH,
        UNSUPPORTED_VERSION,
        OTHER_ELECTION,
        BAD_TELLER_INDEX,
        PASSPHRASE_REQUIRED,
        WRONG_PASSPHRASE,
        SHARE_OUT_OF_RANGE,
        SHARE_DOES_NOT_MATCH_COMMITMENTS,
        /** The card was made for a board of another size than this election's n. */
        WRONG_BOARD_SIZE
    }

    /** The outcome of reading a card: never an exception. */
    public sealed interface Result {}

    /** The card is good and its share matches the commitments. Destroy the share after use. */
    public record Accepted(TellerShare share) implements Result {}

    public record Rejected(Reason reason) implements Result {}

    /** Whether a card text is passphrase-protected (false for anything that is not a card). */
    public static boolean needsPassphrase(String text) {
        Optional<byte[]> p = payload(text);
        return p.isPresent() && p.get().length > 1 && (p.get()[1] & FLAG_PASSPHRASE) != 0;
    }

    static String write(byte[] manifestHash, TellerShare share, int k, int n, char @Nullable [] passphrase,
            SecureRandom rng) {
        ByteWriter w = new ByteWriter(96);
        w.u8(VERSION).u8(passphrase == null ? 0 : FLAG_PASSPHRASE);
        w.raw(manifestHash, 0, HASH_PREFIX).u8(share.index()).u8(k).u8(n);
        byte[] s = share.secret().copyBytes();
        try {
            if (passphrase == null) {
                w.raw(s);
            } else {
                byte[] header = w.toByteArray();
                // Hedged: a repeated random state must not give two cards one salt and one GCM
                // nonce (the same passphrase would then seal two shares under one key and nonce).
                byte[] salt;
                byte[] nonce;
                try (Nonces.Session ns = Nonces.session(rng, NONCE_TAG, s, header)) {
                    salt = ns.bytes(0, 0, 0, SALT);
                    nonce = ns.bytes(1, 0, 0, NONCE);
                }
                byte[] sealed = gcm(Cipher.ENCRYPT_MODE, passphrase, salt, nonce, header, s);
                w.raw(salt).raw(nonce).raw(sealed);
            }
            byte[] body = w.toByteArray();
            byte[] check = Hashing.hash(Hashing.TAG_CARD_CHECK, body);
            w.raw(check, 0, CHECK);
            byte[] all = w.toByteArray();
            String text = PREFIX + Base32.encode(all, Base32.RFC4648);
            Arrays.fill(all, (byte) 0);
            Arrays.fill(body, (byte) 0);
            return text;
        } catch (AEADBadTagException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(s, (byte) 0);
            w.wipe();
        }
    }

    /** Reads a card for the election with this manifest. */
    public static Result read(String text, Manifest manifest, char @Nullable [] passphrase) {
        return read(text, manifest.hash(), manifest.commitments(), manifest.n(), passphrase);
    }

    /**
     * Reads a card: checks prefix, characters, checksum, version, election (manifest hash prefix),
     * teller index, opens the passphrase seal if any, and checks s_i G == sum_j i^j C_j.
     */
    public static Result read(String text, byte[] manifestHash, List<Point> commitments, int n,
            char @Nullable [] passphrase) {
        if (!text.strip().startsWith(PREFIX)) {
            return new Rejected(Reason.NOT_A_SHARE_CARD);
        }
        Optional<byte[]> decoded = payload(text);
        if (decoded.isEmpty()) {
            return new Rejected(Reason.BAD_CHARACTERS);
        }
        byte[] b = decoded.get();
        try {
            if (b.length < HEADER + CHECK) {
                return new Rejected(Reason.WRONG_LENGTH);
            }
            byte[] body = Arrays.copyOf(b, b.length - CHECK);
            byte[] check = Hashing.hash(Hashing.TAG_CARD_CHECK, body);
            if (!MessageDigest.isEqual(Arrays.copyOf(check, CHECK), Arrays.copyOfRange(b, b.length - CHECK, b.length))) {
                Arrays.fill(body, (byte) 0);
                return new Rejected(Reason.CHECKSUM_MISMATCH);
            }
            Arrays.fill(body, (byte) 0);
            if ((b[0] & 0xff) != VERSION) {
                return new Rejected(Reason.UNSUPPORTED_VERSION);
            }
            boolean wrapped = (b[1] & FLAG_PASSPHRASE) != 0;
            int expected = HEADER + (wrapped ? SALT + NONCE + 32 + TAG : 32) + CHECK;
            if (b.length != expected || (b[1] & ~FLAG_PASSPHRASE) != 0) {
                return new Rejected(Reason.WRONG_LENGTH);
            }
            if (!MessageDigest.isEqual(Arrays.copyOfRange(b, 2, 2 + HASH_PREFIX), Arrays.copyOf(manifestHash, HASH_PREFIX))) {
                return new Rejected(Reason.OTHER_ELECTION);
            }
            int index = b[10] & 0xff;
            int k = b[11] & 0xff;
            int cardN = b[12] & 0xff;
            if (index < 1 || index > cardN || k != commitments.size()) {
                return new Rejected(Reason.BAD_TELLER_INDEX);
            }
            if (cardN != n) {
                return new Rejected(Reason.WRONG_BOARD_SIZE);
            }
            byte[] s;
            if (wrapped) {
                if (passphrase == null) {
                    return new Rejected(Reason.PASSPHRASE_REQUIRED);
                }
                byte[] header = Arrays.copyOf(b, HEADER);
                byte[] salt = Arrays.copyOfRange(b, HEADER, HEADER + SALT);
                byte[] nonce = Arrays.copyOfRange(b, HEADER + SALT, HEADER + SALT + NONCE);
                byte[] sealed = Arrays.copyOfRange(b, HEADER + SALT + NONCE, b.length - CHECK);
                try {
                    s = gcm(Cipher.DECRYPT_MODE, passphrase, salt, nonce, header, sealed);
                } catch (AEADBadTagException e) {
                    return new Rejected(Reason.WRONG_PASSPHRASE);
                }
            } else {
                s = Arrays.copyOfRange(b, HEADER, HEADER + 32);
            }
            SecretScalar secret;
            try {
                // Zero is no share: s_i G would be the point at infinity, which no commitment check can take.
                if (isZero(s)) {
                    return new Rejected(Reason.SHARE_OUT_OF_RANGE);
                }
                secret = SecretScalar.fromBytes(s);
            } catch (InvalidEncodingException e) {
                return new Rejected(Reason.SHARE_OUT_OF_RANGE);
            } finally {
                Arrays.fill(s, (byte) 0);
            }
            TellerShare share = new TellerShare(index, secret);
            if (!Ceremony.shareMatches(share, commitments)) {
                share.destroy();
                return new Rejected(Reason.SHARE_DOES_NOT_MATCH_COMMITMENTS);
            }
            return new Accepted(share);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    /** How many base32 characters (after the prefix) a card has: plain, then behind a passphrase. */
    public static final int PLAIN_LENGTH = (HEADER + 32 + CHECK) * 8 / 5 + 1;
    public static final int SEALED_LENGTH = (HEADER + SALT + NONCE + 32 + TAG + CHECK) * 8 / 5 + 1;

    /**
     * For a card text of valid characters whose checksum fails: the one character (0-based, counted after the
     * prefix) that, replaced by some other character, makes the checksum hold, when exactly one position does.
     * The card carries a single 4-byte checksum for the whole text, not one per group, so this can only name
     * where a single mistyped character most likely is; two slips, or a missing character, give nothing (and
     * a wrong hit is about one in a million). It never corrects the text: the person types the group again.
     */
    public static java.util.OptionalInt typoPosition(String text) {
        Optional<byte[]> decoded = payload(text);
        if (decoded.isEmpty()) {
            return java.util.OptionalInt.empty();
        }
        byte[] b = decoded.get();
        try {
            if (b.length < HEADER + CHECK || checks(b)) {
                return java.util.OptionalInt.empty();
            }
            int found = -1;
            int characters = (b.length * 8 + 4) / 5;
            for (int i = 0; i < characters; i++) {
                // Another character at i is the same 5 bits with some of them flipped.
                for (int flip = 1; flip < 32; flip++) {
                    if (!flipFits(b.length, i, flip)) {
                        continue;
                    }
                    xor(b, i, flip);
                    boolean good = checks(b);
                    xor(b, i, flip);
                    if (good) {
                        if (found >= 0 && found != i) {
                            return java.util.OptionalInt.empty();
                        }
                        found = i;
                    }
                }
            }
            return found < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(found);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    private static boolean checks(byte[] b) {
        byte[] body = Arrays.copyOf(b, b.length - CHECK);
        byte[] check = Hashing.hash(Hashing.TAG_CARD_CHECK, body);
        Arrays.fill(body, (byte) 0);
        return MessageDigest.isEqual(Arrays.copyOf(check, CHECK), Arrays.copyOfRange(b, b.length - CHECK, b.length));
    }

    /** Whether flipping these bits of character i changes only bits inside the bytes (not the unused tail). */
    private static boolean flipFits(int bytes, int i, int flip) {
        for (int bit = 0; bit < 5; bit++) {
            if ((flip & (1 << (4 - bit))) != 0 && 5 * i + bit >= bytes * 8) {
                return false;
            }
        }
        return true;
    }

    private static void xor(byte[] b, int i, int flip) {
        for (int bit = 0; bit < 5; bit++) {
            if ((flip & (1 << (4 - bit))) != 0) {
                int at = 5 * i + bit;
                b[at / 8] ^= (byte) (0x80 >>> (at % 8));
            }
        }
    }

    /** Constant-time: whether every byte is zero. */
    private static boolean isZero(byte[] bytes) {
        int any = 0;
        for (byte x : bytes) {
            any |= x;
        }
        return any == 0;
    }

    private static Optional<byte[]> payload(String text) {
        String t = text.strip();
        if (!t.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Base32.decode(t.substring(PREFIX.length()), Base32.RFC4648);
    }

    private static byte[] gcm(int mode, char[] passphrase, byte[] salt, byte[] nonce, byte[] aad, byte[] in)
            throws AEADBadTagException {
        byte[] key = deriveKey(passphrase, salt);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            c.updateAAD(aad);
            return c.doFinal(in);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Argon2id (RFC 9106, version 0x13) as the cards use it, with every parameter explicit so that
     * the RFC's own test vector (section 5.3: t = 3, 32 KiB, p = 4, a secret and associated data)
     * runs through this same code. An empty secret means none.
     */
    static byte[] argon2id(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int iterations,
            int memoryKiB, int parallelism, int length) {
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(iterations)
                .withMemoryAsKB(memoryKiB)
                .withParallelism(parallelism)
                .withSalt(salt)
                .withAdditional(associatedData);
        if (secret.length > 0) {
            b.withSecret(secret);
        }
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(b.build());
        byte[] out = new byte[length];
        gen.generateBytes(password, out);
        return out;
    }

    /** Argon2id over the UTF-8 bytes of the passphrase's NFC form. */
    private static byte[] deriveKey(char[] passphrase, byte[] salt) {
        // NFC needs a String, which cannot be zeroed; it is dropped at once.
        String nfc = java.text.Normalizer.normalize(CharBuffer.wrap(passphrase), java.text.Normalizer.Form.NFC);
        ByteBuffer bb = StandardCharsets.UTF_8.encode(nfc);
        byte[] pw = new byte[bb.remaining()];
        bb.get(pw);
        if (bb.hasArray()) {
            Arrays.fill(bb.array(), (byte) 0);
        }
        byte[] key = argon2id(pw, salt, new byte[0], Hashing.TAG_CARD_KEY.getBytes(StandardCharsets.US_ASCII),
                ARGON_ITERATIONS, ARGON_MEMORY_KIB, ARGON_PARALLELISM, 32);
        Arrays.fill(pw, (byte) 0);
        return key;
    }
}
