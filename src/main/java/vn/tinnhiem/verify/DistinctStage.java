package vn.tinnhiem.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import vn.tinnhiem.verify.RecordVerifier.Check;

/**
 * Check 5, {@code distinct} (10.2): the counted ballots' ids strictly ascending (the lower-case hex compared as
 * text), no two with the same ciphertexts (m, L and every α, β; the proofs aside), and no α twice among all
 * their items.
 */
final class DistinctStage {
    static final String NAME = "verify.check.distinct";

    private DistinctStage() {}

    /** {@code ballots} are the counted ballots' bytes, present only with the manifest they were read against. */
    static Check check(@Nullable List<byte[]> ballots, @Nullable Manifest manifest) {
        try {
            if (ballots == null || manifest == null) {
                throw Stages.dependsOn(BallotsStage.NAME);
            }
            int m = manifest.m();
            int levels = manifest.levels();
            Map<String, String> byCiphertexts = new HashMap<>();
            String previous = null;
            for (byte[] b : ballots) {
                String id = Rows.id(b);
                if (previous != null && id.compareTo(previous) <= 0) {
                    throw new Bad(id.equals(previous) ? "verify.why.sameId" : "verify.why.notSorted", id);
                }
                previous = id;
                // The ciphertexts alone (10.2): a ballot re-proved under a new id carries other proofs but the
                // same votes, and counting it would count them twice.
                String other = byCiphertexts.put(Group.hex(Ballots.ciphertexts(b, m, levels)), id);
                if (other != null) {
                    throw new Bad("verify.why.sameContent", id, other);
                }
            }
            // A nonce used twice (5.5) shows whether two choices differ (beta - beta' = (b - b')G): no alpha may
            // appear twice among the counted ballots, in one ballot or in two.
            int[] twice = Ballots.repeatedAlpha(ballots, m, levels);
            if (twice != null) {
                int per = m * levels;
                throw new Bad("verify.why.sameNonce", Rows.id(ballots.get(twice[0] / per)),
                        String.valueOf(twice[0] % per / levels + 1), String.valueOf(twice[0] % levels + 1),
                        Rows.id(ballots.get(twice[1] / per)),
                        String.valueOf(twice[1] % per / levels + 1), String.valueOf(twice[1] % levels + 1));
            }
            return Stages.holds(NAME, "verify.ok.distinct", ballots.size());
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Stages.failed(NAME, e);
        }
    }
}
