package vn.tinnhiem.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

import vn.tinnhiem.verify.RecordVerifier.Check;

/** Check 3, {@code commitments} (10.2): K and every C_j decode, exactly k of them, C_0 = K. */
final class CommitmentsStage {
    static final String NAME = "verify.check.commitments";

    private CommitmentsStage() {}

    /**
     * The check, the election key K once it and every commitment decode (the ballots' proofs need it even when
     * the commitments are wrong), and the commitments only when the check holds (the partials need them).
     */
    record Result(Check check, @Nullable ECPoint key, @Nullable List<ECPoint> commitments) {}

    static Result check(Map<String, Object> root, @Nullable Manifest manifest) {
        ECPoint key = null;
        try {
            if (manifest == null) {
                throw Stages.dependsOn(ManifestStage.NAME);
            }
            Map<String, Object> mf = Fields.object(root, "manifest", "");
            byte[] keyBytes = Fields.hex(mf, "electionKey", "manifest", 33);
            ECPoint kp = Group.point(keyBytes);
            if (kp == null) {
                throw Bad.field("manifest.electionKey");
            }
            List<Object> cs = Fields.array(mf, "commitments", "manifest");
            List<ECPoint> pts = new ArrayList<>();
            for (int j = 0; j < cs.size(); j++) {
                ECPoint c = Group.point(Fields.hex(cs.get(j), "manifest.commitments[" + j + "]", 33));
                if (c == null) {
                    throw Bad.field("manifest.commitments[" + j + "]");
                }
                pts.add(c);
            }
            key = kp;
            int k = manifest.k();
            if (pts.size() != k) {
                throw new Bad("verify.why.commitmentCount", String.valueOf(k), String.valueOf(pts.size()));
            }
            if (!pts.get(0).equals(kp)) {
                throw new Bad("verify.why.firstCommitment");
            }
            return new Result(Stages.holds(NAME, "verify.ok.commitments", k, manifest.n()), key, pts);
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Result(Stages.failed(NAME, e), key, null);
        }
    }
}
