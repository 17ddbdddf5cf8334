package vn.tinnhiem.supervision;

import java.math.BigDecimal;
import java.math.RoundingMode;

import vn.tinnhiem.election.ElectionStatus;

/**
 * A conference's figures now, as counts: voters summoned (on the roll), ticked present, cards activated
 * (handed out at the desk, whether used since or not), ballots cast (cards spent). Nothing says which voter
 * or which card.
 */
public record LiveFigures(String title, ElectionStatus status, int summoned, int present, int activated, int cast) {

    /** Two thirds of those summoned present: 3 * present >= 2 * summoned, in integers. */
    public boolean quorumMet() {
        return summoned > 0 && 3L * present >= 2L * summoned;
    }

    /** Ballots cast per voter summoned, in percent, exact to two places rounded half up (90,85). */
    public BigDecimal turnoutPercent() {
        if (summoned == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf(cast).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(summoned), 2,
                RoundingMode.HALF_UP);
    }
}
