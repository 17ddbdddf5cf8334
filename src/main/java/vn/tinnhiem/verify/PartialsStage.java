package vn.tinnhiem.verify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

import vn.tinnhiem.verify.RecordVerifier.Check;

/**
 * Check 10, {@code partials} (10.2): {@code path} HALL or OFFLINE, teller in 1..n and not repeated, m·L entries,
 * every proof holds (6.2) against K_i = Σ_j i^j C_j, at least k of them (none with N = 0).
 */
final class PartialsStage {
    static final String NAME = "verify.check.partials";

    private PartialsStage() {}

    /**
     * The check, and the partials in the order combined when the check holds: every partial of a record must be
     * good, so the first k are the first k good (6.3).
     */
    record Result(Check check, @Nullable List<Partial> good) {}

    /** {@code counted} is N, or -1 when the ballots could not be counted. */
    static Result check(Map<String, Object> root, @Nullable Manifest manifest, @Nullable List<ECPoint[]> tally,
            @Nullable List<ECPoint> commitments, int counted) {
        try {
            if (manifest == null) {
                throw Stages.dependsOn(ManifestStage.NAME);
            }
            int levels = manifest.levels();
            List<Object> list = Fields.array(root, "partials", "");
            if (tally == null) {
                throw Stages.dependsOn(TallyStage.NAME);
            }
            if (commitments == null) {
                throw Stages.dependsOn(CommitmentsStage.NAME);
            }
            if (tally.size() == manifest.m() * levels && counted == 0 && list.isEmpty()) {
                return new Result(Stages.holds(NAME, "verify.ok.partialsNone"), List.of());
            }
            List<Partial> good = new ArrayList<>();
            Set<Integer> tellers = new HashSet<>();
            List<String> used = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String pp = "partials[" + i + "]";
                Map<String, Object> p = Fields.object(list.get(i), pp);
                String path = Fields.string(p, "path", pp);
                if (!path.equals("HALL") && !path.equals("OFFLINE")) {
                    throw Bad.field(pp + ".path");
                }
                long teller = Fields.integer(p, "teller", pp);
                if (teller < 1 || teller > manifest.n()) {
                    throw new Bad("verify.why.unknownTeller", String.valueOf(teller));
                }
                if (!tellers.add((int) teller)) {
                    throw new Bad("verify.why.duplicateTeller", String.valueOf(teller));
                }
                List<Object> entries = Fields.array(p, "entries", pp);
                if (entries.size() != tally.size()) {
                    throw Bad.field(pp + ".entries");
                }
                Partial part = Partial.read((int) teller, entries, pp);
                List<Integer> bad = part.failingProofs(manifest.qbar(), commitments, tally);
                if (!bad.isEmpty()) {
                    throw new Bad("verify.why.partialProof", String.valueOf(teller), String.valueOf(bad.size()),
                            String.valueOf(bad.get(0) / levels + 1), String.valueOf(bad.get(0) % levels + 1));
                }
                good.add(part);
                used.add(String.valueOf(teller));
            }
            if (good.size() < manifest.k()) {
                throw new Bad("verify.why.tooFew", String.valueOf(good.size()), String.valueOf(manifest.k()));
            }
            return new Result(Stages.holds(NAME, "verify.ok.partials", good.size(), String.join(", ", used),
                    manifest.k()), good);
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Result(Stages.failed(NAME, e), null);
        }
    }
}
