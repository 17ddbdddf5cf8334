package vn.tinnhiem.verify;

import java.util.List;

/**
 * What the manifest stage read (10.2 check 2) for the stages after it: m candidates of {@code levels} levels each,
 * the kind and rule set, the threshold k of n tellers, the candidates' ids in ballot order, and Q̄ as the record
 * states it (every later check uses the stated hash, right or wrong, so that two verifiers name the same checks).
 */
record Manifest(int m, int levels, String kind, String ruleSet, int k, int n, List<String> candidateIds,
        byte[] qbar) {

    Manifest {
        candidateIds = List.copyOf(candidateIds);
    }

    /** The level names of the kind (4.1), in level order; the manifest stage refuses any kind but these two. */
    List<String> levelNames() {
        return kind.equals("THREE_LEVEL") ? List.of("HIGH", "MEDIUM", "LOW") : List.of("CONFIDENCE", "NO_CONFIDENCE");
    }
}
