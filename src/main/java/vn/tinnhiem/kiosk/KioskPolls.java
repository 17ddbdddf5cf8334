package vn.tinnhiem.kiosk;

import java.util.Optional;

import vn.tinnhiem.election.Election;

/**
 * Where a tablet's conference stands for its voters, which is all the kiosk page needs of its status: not open
 * yet (the lists being set up or fixed), open, or over (closed or counted, or no conference at all).
 */
public enum KioskPolls {
    NOT_OPEN, OPEN, OVER;

    /** The conference's polls as its tablets show them. */
    public static KioskPolls of(Optional<Election> conference) {
        return switch (conference.map(Election::status).orElse(vn.tinnhiem.election.ElectionStatus.CLOSED)) {
            case DRAFT, READY -> NOT_OPEN;
            case OPEN -> OPEN;
            case CLOSED, TALLIED -> OVER;
        };
    }
}
