package vn.tinnhiem.crypto;

import java.util.List;

/**
 * Decrypted counts.
 *
 * @param ballots ballots counted (the N of the rules when every returned ballot was accepted)
 * @param candidates per candidate, in manifest order
 */
public record Counts(int ballots, List<CandidateCount> candidates) {
    public Counts {
        candidates = List.copyOf(candidates);
    }

    /** The counts of a conference with no ballots: N = 0, every level 0, valid 0, invalid 0. */
    public static Counts noBallots(ElectionContext ctx) {
        List<Integer> zeros = java.util.Collections.nCopies(ctx.levelCount(), 0);
        List<CandidateCount> cc = new java.util.ArrayList<>();
        for (int c = 0; c < ctx.candidateCount(); c++) {
            cc.add(new CandidateCount(c, zeros, 0, 0));
        }
        return new Counts(0, cc);
    }

    /**
     * @param candidate 0-based index in manifest order
     * @param levels count per level, in {@link BallotKind#levels()} order
     * @param valid sum of the level counts
     * @param invalid ballots - valid (left blank for this candidate)
     */
    public record CandidateCount(int candidate, List<Integer> levels, int valid, int invalid) {
        public CandidateCount {
            levels = List.copyOf(levels);
        }
    }
}
