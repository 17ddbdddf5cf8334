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
