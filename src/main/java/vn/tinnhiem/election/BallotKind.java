package vn.tinnhiem.election;

import java.util.List;

/** What a voter marks for each candidate. */
public enum BallotKind {
    /** Lấy phiếu tín nhiệm: Tín nhiệm cao / Tín nhiệm / Tín nhiệm thấp. */
    THREE_LEVEL(List.of("HIGH", "MEDIUM", "LOW")),
    /** Bỏ phiếu tín nhiệm: Tín nhiệm / Không tín nhiệm. */
    TWO_LEVEL(List.of("CONFIDENCE", "NO_CONFIDENCE"));

    private final List<String> levels;

    BallotKind(List<String> levels) {
        this.levels = levels;
    }

    /** The levels in ballot order; message keys are "level." + name. */
    public List<String> levels() {
        return levels;
    }
}
