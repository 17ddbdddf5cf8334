package vn.tinnhiem.count;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * What the close shows and the minutes print: the voters summoned and present (so the quorum), and the
 * cards: activated (handed out, spent or not), spent, activated but never used, and voided. Counts only,
 * never which card. {@code closedAt} is null while the polls are still open (the figures are then live).
 */
public record ClosingFigures(int summoned, int present, int cardsActivated, int cardsSpent, int cardsUnspent,
        int cardsVoided, @Nullable LocalDateTime closedAt) {

    /** At least two thirds of those summoned present, in integers. */
    public boolean quorumMet() {
        return summoned > 0 && 3L * present >= 2L * summoned;
    }
}
