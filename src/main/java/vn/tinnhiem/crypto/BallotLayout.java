package vn.tinnhiem.crypto;

/**
 * Byte layout of a sealed ballot (docs/protocol.md, "Sealed ballot"). Points are uncompressed
 * SEC1 (65 bytes): decompression costs a square root per point and would dominate verification.
 */
final class BallotLayout {
    static final byte[] MAGIC = {'T', 'N', '1', 'B'};
    static final int VERSION = 1;
    static final int PT = 65;
    static final int SC = 32;
    static final int ID = 16;
    static final int ID_OFFSET = 5;
    static final int HEADER = 4 + 1 + ID + 2 + 1;
    /** a0, b0, a1, b1, c0, v0, v1. */
    static final int PROOF = 4 * PT + 3 * SC;
    static final int CT = 2 * PT;
    static final int ITEM = CT + PROOF;

    private BallotLayout() {}

    static int candidateSize(int levels) {
        return levels * ITEM + PROOF;
    }

    static int size(int m, int levels) {
        return HEADER + m * candidateSize(levels);
    }

    static int itemOffset(int c, int l, int levels) {
        return HEADER + c * candidateSize(levels) + l * ITEM;
    }

    static int sumProofOffset(int c, int levels) {
        return HEADER + c * candidateSize(levels) + levels * ITEM;
    }
}
