package vn.tinnhiem.crypto;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.tinnhiem.crypto.internal.ByteWriter;
import vn.tinnhiem.crypto.internal.Hex;

/**
 * What binds an election: every proof hashes {@link #hash()}, so nothing moves between elections
 * or candidate lists. The canonical encoding is in docs/protocol.md ("Manifest").
 *
 * @param electionId stable election identifier
 * @param title the conference title
 * @param candidates in ballot order; {@code order} must be 1, 2, ..., m
 * @param kind three-level or two-level ballot
 * @param ruleSet the rule set's name (e.g. "96-QD/TW")
 * @param electionKey K = s G
 * @param commitments Feldman commitments C_0 .. C_{k-1}; C_0 = K
 * @param k threshold
 * @param n number of tellers
 */
public record Manifest(
        String electionId,
        String title,
        List<Candidate> candidates,
        BallotKind kind,
        String ruleSet,
        Point electionKey,
        List<Point> commitments,
        int k,
        int n) {

    /** One person on the ballot. */
    public record Candidate(String id, int order, String name, String position) {}

    public Manifest {
        candidates = List.copyOf(candidates);
        commitments = List.copyOf(commitments);
        if (candidates.isEmpty() || candidates.size() > 65535) {
            throw new IllegalArgumentException("a ballot needs 1 to 65535 candidates");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (c.order() != i + 1) {
                throw new IllegalArgumentException("candidate orders must be 1..m in list order");
            }
            // Compared as encoded (NFC), so two spellings of one id cannot both pass.
            if (!ids.add(java.text.Normalizer.normalize(c.id(), java.text.Normalizer.Form.NFC))) {
                throw new IllegalArgumentException("duplicate candidate id");
            }
        }
        if (n < 1 || n > 255 || k < 1 || k > n) {
            throw new IllegalArgumentException("need 1 <= k <= n <= 255");
        }
        if (commitments.size() != k) {
            throw new IllegalArgumentException("need exactly k commitments");
        }
        if (!commitments.get(0).equals(electionKey)) {
            throw new IllegalArgumentException("C_0 must equal the election key");
        }
    }

    public int candidateCount() {
        return candidates.size();
    }

    public int levelCount() {
        return kind.levelCount();
    }

    /** Canonical bytes (docs/protocol.md, "Manifest"). */
    public byte[] encode() {
        ByteWriter w = new ByteWriter(512);
        w.raw(new byte[] {'T', 'N', '1', 'M'}).u8(1);
        w.str(electionId).str(title).u8(kind.code()).u8(kind.levelCount());
        for (String level : kind.levels()) {
            w.str(level);
        }
        w.str(ruleSet);
        w.u32(candidates.size());
        for (Candidate c : candidates) {
            w.str(c.id()).u32(c.order()).str(c.name()).str(c.position());
        }
        w.u8(k).u8(n).raw(electionKey.encode());
        for (Point c : commitments) {
            w.raw(c.encode());
        }
        return w.toByteArray();
    }

    /** The manifest hash: H("TN1/manifest", encode()). 32 bytes. */
    public byte[] hash() {
        return Hashing.hash(Hashing.TAG_MANIFEST, encode());
    }

    public String hashHex() {
        return Hex.encode(hash());
    }

    /** Canonical JSON: fixed key order, no whitespace, points as lower-case hex of compressed SEC1. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"electionId\":").append(Json.str(electionId));
        sb.append(",\"title\":").append(Json.str(title));
        sb.append(",\"kind\":").append(Json.str(kind.name()));
        sb.append(",\"ruleSet\":").append(Json.str(ruleSet));
        sb.append(",\"candidates\":[");
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"id\":").append(Json.str(c.id())).append(",\"order\":").append(c.order())
                    .append(",\"name\":").append(Json.str(c.name()))
                    .append(",\"position\":").append(Json.str(c.position())).append('}');
        }
        sb.append("],\"k\":").append(k).append(",\"n\":").append(n);
        sb.append(",\"electionKey\":\"").append(electionKey.toHex()).append('"');
        sb.append(",\"commitments\":[");
        for (int i = 0; i < commitments.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append('"').append(commitments.get(i).toHex()).append('"');
        }
        sb.append("],\"hash\":\"").append(hashHex()).append("\"}");
        return sb.toString();
    }
}
