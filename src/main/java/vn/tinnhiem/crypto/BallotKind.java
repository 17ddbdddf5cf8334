package vn.tinnhiem.crypto;

import java.util.List;

/** The two ballot kinds and their levels, in ballot order (level index 0, 1, ...). */
public enum BallotKind {
    /** Lấy phiếu tín nhiệm: HIGH, MEDIUM, LOW. */
    THREE_LEVEL(1, List.of("HIGH", "MEDIUM", "LOW")),
    /** Bỏ phiếu tín nhiệm: CONFIDENCE, NO_CONFIDENCE. */
    TWO_LEVEL(2, List.of("CONFIDENCE", "NO_CONFIDENCE"));

    private final int code;
    private final List<String> levels;

    BallotKind(int code, List<String> levels) {
        this.code = code;
        this.levels = levels;
    }

    /** The byte written in the manifest encoding. */
    public int code() {
        return code;
    }

    public List<String> levels() {
        return levels;
    }

    public int levelCount() {
        return levels.size();
    }
}
