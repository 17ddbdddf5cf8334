package vn.tinnhiem.crypto;

/**
 * One thing wrong with a ballot.
 *
 * @param candidate 0-based candidate index in manifest order, or -1 when not about one candidate
 * @param level 0-based level index, or -1 (the candidate's sum proof, or not about a level)
 * @param part what failed
 */
public record BallotFailure(int candidate, int level, Part part) {
    /** The part of a ballot that failed. */
    public enum Part {
        /** Not a TN1 ballot, wrong length, or a candidate/level count other than the manifest's. */
        WRONG_SHAPE,
        /**
         * Every proof fails although every encoding is valid. The proofs are bound to the manifest,
         * the ballot's header (its id) and all its ciphertexts, so one of these is not what the ballot
         * was sealed with: it belongs to another election or candidate list, or its id, a ciphertext
         * or the order of its parts was changed after sealing, or parts of two ballots were spliced.
         */
        BINDING,
        /** alpha or beta of (candidate, level) is not a valid point. */
        CIPHERTEXT_ENCODING,
        /** A commitment point or scalar of the 0/1 proof at (candidate, level) is malformed. */
        BIT_PROOF_ENCODING,
        /** A commitment point or scalar of the candidate's sum proof is malformed. */
        SUM_PROOF_ENCODING,
        /** The proof that (candidate, level) encrypts 0 or 1 does not hold. */
        BIT_PROOF,
        /** The proof that the candidate's levels sum to 0 or 1 does not hold. */
        SUM_PROOF
    }
}
