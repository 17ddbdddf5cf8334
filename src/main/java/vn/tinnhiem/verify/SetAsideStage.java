package vn.tinnhiem.verify;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

import vn.tinnhiem.verify.RecordVerifier.Check;

/**
 * Check 7, {@code setAside} (10.2): each row named by its bytes ({@code id}, {@code trackingCode}); {@code reasons}
 * a non-empty array of non-empty strings; each {@code sealed} fails verification (5.4) as the verifier sees it.
 */
final class SetAsideStage {
    static final String NAME = "verify.check.setAside";

    private SetAsideStage() {}

    static Check check(Map<String, Object> root, @Nullable Manifest manifest, @Nullable ECPoint key,
            SecureRandom rng) {
        try {
            if (manifest == null) {
                throw Stages.dependsOn(ManifestStage.NAME);
            }
            if (key == null) {
                throw Stages.dependsOn(CommitmentsStage.NAME);
            }
            List<Object> list = Fields.array(root, "setAside", "");
            for (int i = 0; i < list.size(); i++) {
                String sp = "setAside[" + i + "]";
                Map<String, Object> s = Fields.object(list.get(i), sp);
                byte[] sealed = Rows.sealed(s, sp);
                Rows.namedByItsBytes(s, sp, sealed);
                // Reasons are for people (free text), but there is at least one and each is a non-empty string.
                List<Object> reasons = Fields.array(s, "reasons", sp);
                if (reasons.isEmpty()) {
                    throw Bad.field(sp + ".reasons");
                }
                for (int j = 0; j < reasons.size(); j++) {
                    if (!(reasons.get(j) instanceof String r) || r.isEmpty()) {
                        throw Bad.field(sp + ".reasons[" + j + "]");
                    }
                }
                if (Ballots.verify(sealed, manifest.qbar(), key, manifest.m(), manifest.levels(), rng)) {
                    throw new Bad("verify.why.setAsideVerifies", Fields.string(s, "id", sp));
                }
            }
            return Stages.holds(NAME, "verify.ok.setAside", list.size());
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Stages.failed(NAME, e);
        }
    }
}
