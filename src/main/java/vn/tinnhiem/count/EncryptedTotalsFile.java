package vn.tinnhiem.count;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import vn.tinnhiem.crypto.Ciphertext;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.Point;
import vn.tinnhiem.shared.files.FileProblem;
import vn.tinnhiem.shared.files.FileResult;
import vn.tinnhiem.shared.files.Sha256;

/**
 * The encrypted totals the server exports for the offline laptop (docs/protocol.md 10.1), as
 * {@code tinnhiem-encrypted-totals-<id>.json}:
 *
 * <pre>
 * {"format":"tinnhiem-encrypted-totals/1","manifest":{…},"tally":{"ballots":N,"entries":[…]},"tallyHash":"<64 hex>"}
 * </pre>
 *
 * {@code tallyHash} is SHA-256 of the tally's binary encoding (6.1), plain: it names the totals a partial
 * decryption answers. Nothing in the file is secret.
 */
public record EncryptedTotalsFile(Manifest manifest, EncryptedTally tally) {

    public static final String FORMAT = "tinnhiem-encrypted-totals/1";

    private static final Set<String> KEYS = Set.of("format", "manifest", "tally", "tallyHash");
    private static final Set<String> TALLY_KEYS = Set.of("ballots", "entries");
    private static final Set<String> ENTRY_KEYS = Set.of("alpha", "beta");

    /**
     * @throws IllegalArgumentException if the tally has not one entry per candidate and level of the manifest,
     *     or sums no ballot (with none there is nothing to decrypt: docs/protocol.md 6.1, "No ballots")
     */
    public EncryptedTotalsFile {
        int expected = manifest.candidateCount() * manifest.levelCount();
        if (tally.entries().size() != expected || tally.ballots() < 1) {
            throw new IllegalArgumentException("the tally does not fit the manifest");
        }
    }

    /** The file's bytes for this manifest and these totals (UTF-8 canonical JSON). */
    public static byte[] write(Manifest manifest, EncryptedTally tally) {
        return new EncryptedTotalsFile(manifest, tally).toJsonBytes();
    }

    /** SHA-256 of the tally's binary encoding (docs/protocol.md 10.1): 32 bytes. */
    public static byte[] tallyHash(EncryptedTally tally) {
        return Sha256.of(tally.encode());
    }

    /** {@link #tallyHash(EncryptedTally)} as 64 lower-case hex characters. */
    public static String tallyHashHex(EncryptedTally tally) {
        return HexFormat.of().formatHex(tallyHash(tally));
    }

    public String tallyHashHex() {
        return tallyHashHex(tally);
    }

    /** "tinnhiem-encrypted-totals-42.json". */
    public static String fileName(String electionId) {
        return "tinnhiem-encrypted-totals-" + OfflineDecryption.slug(electionId) + ".json";
    }

    /** Canonical JSON: fixed key order, no whitespace, one line. */
    public String toJson() {
        return "{\"format\":\"" + FORMAT + "\",\"manifest\":" + manifest.toJson() + ",\"tally\":" + tally.toJson()
                + ",\"tallyHash\":\"" + tallyHashHex() + "\"}";
    }

    public byte[] toJsonBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a totals file; never throws. Refuses, with the reason: anything too large or not JSON, another
     * format, a manifest whose fields are not a valid manifest or do not have its {@code hash}, a tally
     * whose shape does not fit the manifest or whose points are not valid, a {@code tallyHash} that is
     * not the tally's, and the totals of a conference with no ballots (nothing to decrypt).
     */
    public static FileResult<EncryptedTotalsFile> read(byte[] json) {
        return CountFiles.JSON.read(() -> parse(json));
    }

    /** {@link #read} without its last safety net, for the tests: only {@link FileProblem} may leave it. */
    static EncryptedTotalsFile parse(byte[] json) throws FileProblem {
        JsonNode root = CountFiles.JSON.object(json, FORMAT, "count.file.notTotals");
        CountFiles.JSON.onlyKeys(root, "", KEYS);
        Manifest manifest = ManifestJson.read(CountFiles.JSON.object(root, "manifest"));

        JsonNode t = CountFiles.JSON.object(root, "tally");
        CountFiles.JSON.onlyKeys(t, "tally", TALLY_KEYS);
        int ballots = CountFiles.JSON.integer(t, "ballots");
        List<JsonNode> raw = CountFiles.JSON.array(t, "entries");
        int m = manifest.candidateCount();
        int levels = manifest.levelCount();
        if (ballots < 0 || raw.size() != m * levels) {
            throw new FileProblem("count.file.tallyShape", m * levels, m, levels, raw.size(), ballots);
        }
        byte[] hash = CountFiles.JSON.hash(root, "tallyHash");
        if (ballots == 0) {
            noBallots(manifest, raw, hash);
        }
        List<Ciphertext> entries = new ArrayList<>(raw.size());
        for (int e = 0; e < raw.size(); e++) {
            JsonNode entry = raw.get(e);
            if (!entry.isObject()) {
                throw new FileProblem("count.file.badTallyPoint", e);
            }
            CountFiles.JSON.onlyKeys(entry, "tally.entries", ENTRY_KEYS);
            Optional<Point> alpha = CountFiles.point(CountFiles.JSON.text(entry, "alpha"));
            Optional<Point> beta = CountFiles.point(CountFiles.JSON.text(entry, "beta"));
            if (alpha.isEmpty() || beta.isEmpty()) {
                throw new FileProblem("count.file.badTallyPoint", e);
            }
            entries.add(new Ciphertext(alpha.get(), beta.get()));
        }
        EncryptedTally tally = new EncryptedTally(ballots, entries);
        if (!MessageDigest.isEqual(tallyHash(tally), hash)) {
            throw new FileProblem("count.file.tallyHash");
        }
        return new EncryptedTotalsFile(manifest, tally);
    }

    /**
     * The totals of no ballots (docs/protocol.md 6.1): a well-made file is still refused, since nothing is
     * to be decrypted (every count is 0); a malformed one is refused as such.
     */
    private static void noBallots(Manifest manifest, List<JsonNode> raw, byte[] hash) throws FileProblem {
        String zeros = "00".repeat(Point.COMPRESSED_SIZE);
        for (int e = 0; e < raw.size(); e++) {
            JsonNode entry = raw.get(e);
            if (!entry.isObject() || !zeros.equals(CountFiles.JSON.text(entry, "alpha"))
                    || !zeros.equals(CountFiles.JSON.text(entry, "beta"))) {
                throw new FileProblem("count.file.badTallyPoint", e);
            }
        }
        byte[] expected = Sha256.of(EncryptedTally.encodeNoBallots(ElectionContext.of(manifest)));
        if (!MessageDigest.isEqual(expected, hash)) {
            throw new FileProblem("count.file.tallyHash");
        }
        throw new FileProblem("count.file.noBallots");
    }
}
