package vn.tinnhiem.ceremony;

import static vn.tinnhiem.crypto.Json.str;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import vn.tinnhiem.ceremony.internal.CeremonyFiles;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.Point;
import vn.tinnhiem.shared.files.FileProblem;
import vn.tinnhiem.shared.files.FileResult;

/**
 * The public result of an offline ceremony, carried back to the server by USB as
 * {@code tinnhiem-election-key-<id>.json}: the election key K, the commitments C_0..C_{k-1} and the
 * hash of the manifest the laptop made. Nothing in it is secret.
 *
 * <pre>
 * {"format":"tinnhiem-election-key/1","electionId":"42","k":2,"n":3,"electionKey":"02…",
 *  "commitments":["02…","03…"],"manifestHash":"<64 hex>"}
 * </pre>
 *
 * Points are lower-case hex of compressed SEC1 (33 bytes).
 */
public record ElectionKeyFile(String electionId, int k, int n, Point electionKey, List<Point> commitments,
        String manifestHash) {

    public static final String FORMAT = "tinnhiem-election-key/1";

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public ElectionKeyFile {
        commitments = List.copyOf(commitments);
    }

    /** The public part of a manifest the ceremony made. */
    public static ElectionKeyFile of(Manifest m) {
        return new ElectionKeyFile(m.electionId(), m.k(), m.n(), m.electionKey(), m.commitments(), m.hashHex());
    }

    /** Canonical JSON: fixed key order, no whitespace. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(256 + 70 * commitments.size());
        sb.append("{\"format\":").append(str(FORMAT));
        sb.append(",\"electionId\":").append(str(electionId));
        sb.append(",\"k\":").append(k).append(",\"n\":").append(n);
        sb.append(",\"electionKey\":\"").append(electionKey.toHex()).append('"');
        sb.append(",\"commitments\":[");
        for (int i = 0; i < commitments.size(); i++) {
            sb.append(i > 0 ? "," : "").append('"').append(commitments.get(i).toHex()).append('"');
        }
        return sb.append("],\"manifestHash\":").append(str(manifestHash)).append('}').toString();
    }

    public byte[] toJsonBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a key file; never throws. Checks the format, every field's presence and type,
     * 1 <= k <= n <= 255, exactly k commitments, every point on the curve (not infinity), C_0 = K and
     * the hash's form. Whether it belongs to a conference is {@link #against}'s question.
     */
    public static FileResult<ElectionKeyFile> parse(byte[] json) {
        return CeremonyFiles.JSON.read(() -> read(json));
    }

    private static ElectionKeyFile read(byte[] json) throws FileProblem {
        JsonNode root = CeremonyFiles.JSON.object(json);
        CeremonyFiles.JSON.format(root, FORMAT, "ceremony.file.notAKeyFile");
        String electionId = CeremonyFiles.JSON.text(root, "electionId");
        int k = CeremonyFiles.JSON.integer(root, "k");
        int n = CeremonyFiles.JSON.integer(root, "n");
        if (n < 1 || n > 255 || k < 1 || k > n) {
            throw new FileProblem("ceremony.file.badThreshold", k, n);
        }
        Point key = point(CeremonyFiles.JSON.text(root, "electionKey"), 0);
        List<JsonNode> raw = CeremonyFiles.JSON.array(root, "commitments");
        if (raw.size() != k) {
            throw new FileProblem("ceremony.file.commitmentCount", raw.size(), k);
        }
        List<Point> commitments = new ArrayList<>(k);
        for (int j = 0; j < raw.size(); j++) {
            if (!raw.get(j).isString()) {
                throw new FileProblem("ceremony.file.badField", "commitments");
            }
            commitments.add(point(raw.get(j).stringValue(), j));
        }
        if (!commitments.get(0).equals(key)) {
            throw new FileProblem("ceremony.file.keyMismatch");
        }
        String hash = CeremonyFiles.JSON.text(root, "manifestHash");
        if (!HASH.matcher(hash).matches()) {
            throw new FileProblem("ceremony.file.badHash");
        }
        return new ElectionKeyFile(electionId, k, n, key, commitments, hash);
    }

    /** A point from lower-case hex; {@code index} names it in the refusal (0 is K or C_0). */
    private static Point point(String hex, int index) throws FileProblem {
        if (hex.length() != 2 * Point.COMPRESSED_SIZE) {
            throw new FileProblem("ceremony.file.badPoint", index);
        }
        try {
            return Point.fromHex(hex);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new FileProblem("ceremony.file.badPoint", index);
        }
    }

    /**
     * Whether this file is the result of a ceremony for the server's own manifest, rebuilt with this
     * file's key and commitments: same conference, same board (k and n), and the same manifest hash (so
     * the same title, candidates in the same order, kind and rule set). {@code Ok(this)} when it is.
     */
    public FileResult<ElectionKeyFile> against(Manifest serverManifest) {
        if (!serverManifest.electionId().equals(electionId)) {
            return new FileResult.Refused<>("ceremony.file.otherElection", electionId, serverManifest.electionId());
        }
        if (serverManifest.k() != k || serverManifest.n() != n) {
            return new FileResult.Refused<>("ceremony.file.boardMismatch", k, n, serverManifest.k(), serverManifest.n());
        }
        if (!serverManifest.electionKey().equals(electionKey) || !serverManifest.commitments().equals(commitments)) {
            return new FileResult.Refused<>("ceremony.file.keyMismatch");
        }
        if (!MessageDigest.isEqual(serverManifest.hashHex().getBytes(StandardCharsets.US_ASCII),
                manifestHash.getBytes(StandardCharsets.US_ASCII))) {
            return new FileResult.Refused<>("ceremony.file.hashMismatch");
        }
        return new FileResult.Ok<>(this);
    }

    /** {@link #against} as an optional refusal. */
    public Optional<FileResult.Refused<ElectionKeyFile>> refusalAgainst(Manifest serverManifest) {
        return against(serverManifest) instanceof FileResult.Refused<ElectionKeyFile> r ? Optional.of(r) : Optional.empty();
    }
}
