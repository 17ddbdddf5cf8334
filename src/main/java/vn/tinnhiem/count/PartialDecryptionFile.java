package vn.tinnhiem.count;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.Point;
import vn.tinnhiem.crypto.Scalar;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.files.FileProblem;
import vn.tinnhiem.shared.files.FileResult;
import vn.tinnhiem.shared.files.StrictJson;

/**
 * One teller's partial decryption made on the offline laptop, carried back to the server
 * (docs/protocol.md 10.1) as {@code tinnhiem-partial-decryption-<id>-seat<i>.json}:
 *
 * <pre>
 * {"format":"tinnhiem-partial-decryption/1","electionId":"42","manifestHash":"<64 hex>",
 *  "tallyHash":"<64 hex>","partial":{"teller":i,"entries":[{"share":…,"challenge":…,"response":…}]}}
 * </pre>
 *
 * Nothing in it is secret. The server accepts it ({@link #read}) only for its own conference, manifest and
 * current totals, and only if every proof holds.
 */
public final class PartialDecryptionFile {

    public static final String FORMAT = "tinnhiem-partial-decryption/1";

    private static final Set<String> KEYS = Set.of("format", "electionId", "manifestHash", "tallyHash", "partial");
    private static final Set<String> PARTIAL_KEYS = Set.of("teller", "entries");
    private static final Set<String> ENTRY_KEYS = Set.of("share", "challenge", "response");

    private PartialDecryptionFile() {
    }

    /** The file's bytes: canonical JSON, one line, UTF-8. */
    public static byte[] write(String electionId, byte[] manifestHash, byte[] tallyHash, PartialDecryption partial) {
        if (manifestHash.length != 32 || tallyHash.length != 32) {
            throw new IllegalArgumentException("hashes are 32 bytes");
        }
        HexFormat hex = HexFormat.of();
        String json = "{\"format\":\"" + FORMAT + "\",\"electionId\":" + vn.tinnhiem.crypto.Json.str(electionId) + ",\"manifestHash\":\""
                + hex.formatHex(manifestHash) + "\",\"tallyHash\":\"" + hex.formatHex(tallyHash) + "\",\"partial\":"
                + partial.toJson() + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The file for a partial decryption of these totals. */
    public static byte[] write(EncryptedTotalsFile totals, PartialDecryption partial) {
        return write(totals.manifest().electionId(), totals.manifest().hash(), EncryptedTotalsFile.tallyHash(totals.tally()),
                partial);
    }

    /** "tinnhiem-partial-decryption-42-seat2.json". */
    public static String fileName(String electionId, int seat) {
        return "tinnhiem-partial-decryption-" + OfflineDecryption.slug(electionId) + "-seat" + seat + ".json";
    }

    /**
     * Reads a partial decryption file for the server's conference {@code electionId}, its manifest and its
     * current encrypted totals; never throws. Refused, with the reason ({@code count.file.*}): anything too
     * large or not JSON, another format, another conference, another manifest (the key was made again),
     * other totals (the box was checked again since the totals were exported), and every problem of
     * {@link Decryption#check}: a teller not on the board ({@code UNKNOWN_TELLER}), not one entry per
     * total ({@code WRONG_SHAPE}), an entry that is not a point or a scalar below q ({@code BAD_ENCODING},
     * naming the entries), a proof that fails ({@code WRONG_PROOF}, naming the entries). Whether this teller
     * was already counted is the caller's question: it knows which partials it holds.
     */
    public static FileResult<PartialDecryption> read(byte[] file, ElectionId electionId, Manifest manifest,
            EncryptedTally tally) {
        return CountFiles.JSON.read(() -> parse(file, electionId.toString(), manifest, tally));
    }

    /** {@link #read} without its last safety net, for the tests: only {@link FileProblem} may leave it. */
    static PartialDecryption parse(byte[] file, String electionId, Manifest manifest, EncryptedTally tally)
            throws FileProblem {
        JsonNode root = CountFiles.JSON.object(file, FORMAT, "count.file.notPartial");
        CountFiles.JSON.onlyKeys(root, "", KEYS);
        String fileElection = CountFiles.JSON.text(root, "electionId");
        byte[] manifestHash = CountFiles.JSON.hash(root, "manifestHash");
        byte[] tallyHash = CountFiles.JSON.hash(root, "tallyHash");
        JsonNode partial = CountFiles.JSON.object(root, "partial");
        CountFiles.JSON.onlyKeys(partial, "partial", PARTIAL_KEYS);
        int teller = CountFiles.JSON.integer(partial, "teller");
        List<JsonNode> raw = CountFiles.JSON.array(partial, "entries");

        if (!fileElection.equals(electionId) || !manifest.electionId().equals(electionId)) {
            throw new FileProblem("count.file.otherConference", fileElection, electionId);
        }
        if (!MessageDigest.isEqual(manifestHash, manifest.hash())) {
            throw new FileProblem("count.file.otherManifest");
        }
        if (!MessageDigest.isEqual(tallyHash, EncryptedTotalsFile.tallyHash(tally))) {
            throw new FileProblem("count.file.otherTotals");
        }

        // From here on the crypto core judges, on the binary form (docs/protocol.md 6.2), so that the file
        // and a partial made in the hall are refused for the same reasons.
        if (teller < 1 || teller > 255) {
            throw problem(new Decryption.Problem(teller, Decryption.Reason.UNKNOWN_TELLER, List.of()));
        }
        if (raw.size() != tally.entries().size()) {
            throw problem(new Decryption.Problem(teller, Decryption.Reason.WRONG_SHAPE, List.of()));
        }
        Set<Integer> badHex = new TreeSet<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(10 + 97 * raw.size());
        bytes.writeBytes(new byte[] {'T', 'N', '1', 'P', 1, (byte) teller});
        bytes.writeBytes(new byte[] {(byte) (raw.size() >>> 24), (byte) (raw.size() >>> 16), (byte) (raw.size() >>> 8),
                (byte) raw.size()});
        for (int e = 0; e < raw.size(); e++) {
            JsonNode entry = raw.get(e);
            if (!entry.isObject()) {
                throw new FileProblem("count.file.badField", "partial.entries");
            }
            CountFiles.JSON.onlyKeys(entry, "partial.entries", ENTRY_KEYS);
            Optional<byte[]> d = StrictJson.hex(CountFiles.JSON.text(entry, "share"), Point.COMPRESSED_SIZE);
            Optional<byte[]> c = StrictJson.hex(CountFiles.JSON.text(entry, "challenge"), Scalar.SIZE);
            Optional<byte[]> v = StrictJson.hex(CountFiles.JSON.text(entry, "response"), Scalar.SIZE);
            if (d.isEmpty() || c.isEmpty() || v.isEmpty()) {
                badHex.add(e);
                // A slot of zeros: never a point, so the core names this entry too.
                bytes.writeBytes(new byte[97]);
            } else {
                bytes.writeBytes(d.get());
                bytes.writeBytes(c.get());
                bytes.writeBytes(v.get());
            }
        }
        byte[] encoded = bytes.toByteArray();
        List<Decryption.Problem> problems = Decryption.check(ElectionContext.of(manifest), tally, encoded);
        if (!badHex.isEmpty()) {
            Set<Integer> all = new TreeSet<>(badHex);
            problems.stream().filter(p -> p.reason() == Decryption.Reason.BAD_ENCODING)
                    .forEach(p -> all.addAll(p.entries()));
            throw problem(new Decryption.Problem(teller, Decryption.Reason.BAD_ENCODING, new ArrayList<>(all)));
        }
        if (!problems.isEmpty()) {
            throw problem(problems.get(0));
        }
        return PartialDecryption.decode(encoded);
    }

    /** The i18n key of a crypto core problem is {@code count.file.<REASON>}; its arguments the teller and entries. */
    private static FileProblem problem(Decryption.Problem p) {
        return new FileProblem("count.file." + p.reason().name(), p.teller(), CountFiles.entries(p.entries()),
                p.entries().size());
    }
}
