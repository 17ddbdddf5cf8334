package vn.tinnhiem.count;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.Point;
import vn.tinnhiem.shared.files.FileProblem;

/**
 * A manifest read back from its JSON form (docs/protocol.md 9): every field checked, the manifest
 * rebuilt (which applies its own rules), and its hash recomputed from the fields and compared with the
 * file's {@code hash}, so that a file whose fields were changed is refused rather than trusted.
 */
final class ManifestJson {

    private static final Set<String> KEYS = Set.of("electionId", "title", "kind", "ruleSet", "candidates", "k", "n",
            "electionKey", "commitments", "hash");
    private static final Set<String> CANDIDATE_KEYS = Set.of("id", "order", "name", "position");

    private ManifestJson() {
    }

    static Manifest read(JsonNode m) throws FileProblem {
        CountFiles.JSON.onlyKeys(m, "manifest", KEYS);
        String electionId = CountFiles.JSON.text(m, "electionId");
        String title = CountFiles.JSON.text(m, "title");
        BallotKind kind;
        try {
            kind = BallotKind.valueOf(CountFiles.JSON.text(m, "kind"));
        } catch (IllegalArgumentException e) {
            throw new FileProblem("count.file.badField", "kind");
        }
        String ruleSet = CountFiles.JSON.text(m, "ruleSet");
        List<Manifest.Candidate> candidates = new ArrayList<>();
        for (JsonNode c : CountFiles.JSON.array(m, "candidates")) {
            if (!c.isObject()) {
                throw new FileProblem("count.file.badField", "candidates");
            }
            CountFiles.JSON.onlyKeys(c, "candidates", CANDIDATE_KEYS);
            candidates.add(new Manifest.Candidate(CountFiles.JSON.text(c, "id"), CountFiles.JSON.integer(c, "order"),
                    CountFiles.JSON.text(c, "name"), CountFiles.JSON.text(c, "position")));
        }
        int k = CountFiles.JSON.integer(m, "k");
        int n = CountFiles.JSON.integer(m, "n");
        Point key = point(CountFiles.JSON.text(m, "electionKey"));
        List<Point> commitments = new ArrayList<>();
        for (JsonNode c : CountFiles.JSON.array(m, "commitments")) {
            if (!c.isString()) {
                throw new FileProblem("count.file.badManifest");
            }
            commitments.add(point(c.stringValue()));
        }
        byte[] hash = CountFiles.JSON.hash(m, "hash");
        Manifest manifest;
        try {
            manifest = new Manifest(electionId, title, candidates, kind, ruleSet, key, commitments, k, n);
            // The encoding has limits of its own (string lengths); a manifest it cannot encode is no manifest.
            if (!MessageDigest.isEqual(manifest.hash(), hash)) {
                throw new FileProblem("count.file.manifestHash");
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new FileProblem("count.file.badManifest");
        }
        return manifest;
    }

    private static Point point(String hex) throws FileProblem {
        Optional<Point> p = CountFiles.point(hex);
        if (p.isEmpty()) {
            throw new FileProblem("count.file.badManifest");
        }
        return p.get();
    }
}
