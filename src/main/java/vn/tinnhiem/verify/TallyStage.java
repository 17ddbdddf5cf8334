package vn.tinnhiem.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

import vn.tinnhiem.verify.RecordVerifier.Check;

/**
 * Check 9, {@code tally} (10.2): {@code ballots} = N, m·L entries, each the sum of the counted ballots (6.1; with
 * N = 0, the zeros form).
 */
final class TallyStage {
    static final String NAME = "verify.check.tally";

    private TallyStage() {}

    /**
     * The check, and the entries as (α, β) once they decode, even if a sum is wrong: the partials' proofs are
     * checked against the tally as stated.
     */
    record Result(Check check, @Nullable List<ECPoint[]> tally) {}

    static Result check(Map<String, Object> root, @Nullable Manifest manifest, @Nullable List<byte[]> ballots) {
        List<ECPoint[]> tally = null;
        try {
            if (manifest == null) {
                throw Stages.dependsOn(ManifestStage.NAME);
            }
            int m = manifest.m();
            int levels = manifest.levels();
            Map<String, Object> t = Fields.object(root, "tally", "");
            long stated = Fields.integer(t, "ballots", "tally");
            List<Object> entries = Fields.array(t, "entries", "tally");
            if (entries.size() != m * levels) {
                throw Bad.field("tally.entries");
            }
            List<ECPoint[]> read = new ArrayList<>();
            String zero = "0".repeat(66);
            for (int e = 0; e < entries.size(); e++) {
                String ep = "tally.entries[" + e + "]";
                Map<String, Object> en = Fields.object(entries.get(e), ep);
                if (stated == 0) {
                    if (!zero.equals(en.get("alpha")) || !zero.equals(en.get("beta"))) {
                        throw Bad.field(ep);
                    }
                    read.add(new ECPoint[] {Group.INFINITY, Group.INFINITY});
                    continue;
                }
                ECPoint a = Group.point(Fields.hex(en, "alpha", ep, 33));
                ECPoint b = Group.point(Fields.hex(en, "beta", ep, 33));
                if (a == null || b == null) {
                    throw Bad.field(ep);
                }
                read.add(new ECPoint[] {a, b});
            }
            tally = read;
            if (ballots == null) {
                throw Stages.dependsOn(BallotsStage.NAME);
            }
            Stages.same("tally.ballots", stated, ballots.size());
            List<Integer> wrong = wrongSums(read, ballots, m, levels);
            if (!wrong.isEmpty()) {
                int e = wrong.get(0);
                throw new Bad("verify.why.tallyEntry", String.valueOf(wrong.size()), String.valueOf(e / levels + 1),
                        String.valueOf(e % levels + 1));
            }
            return new Result(Stages.holds(NAME, "verify.ok.tally", ballots.size(), m * levels), tally);
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Result(Stages.failed(NAME, e), tally);
        }
    }

    /** The entries (c·L + l) that are not the sum of the counted ballots' ciphertexts, ascending; one per core. */
    private static List<Integer> wrongSums(List<ECPoint[]> read, List<byte[]> bins, int m, int levels) {
        int s = Ballots.ITEM * levels + Ballots.SUM;
        return IntStream.range(0, m * levels).parallel().filter(e -> {
            int c = e / levels;
            int o = 24 + c * s + Ballots.ITEM * (e % levels);
            ECPoint a = Group.INFINITY;
            ECPoint b = Group.INFINITY;
            for (byte[] bin : bins) {
                ECPoint pa = Group.point(bin, o, 65);
                ECPoint pb = Group.point(bin, o + 65, 65);
                if (pa == null || pb == null) {
                    return true;
                }
                a = a.add(pa);
                b = b.add(pb);
            }
            return !a.normalize().equals(read.get(e)[0].normalize()) || !b.normalize().equals(read.get(e)[1].normalize());
        }).boxed().sorted().toList();
    }
}
