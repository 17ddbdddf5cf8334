package vn.tinnhiem.supervision;

import java.time.Instant;

/**
 * Something the supervisor should look at, to the minute: a tablet that stopped answering, or a burst of
 * wrong codes read on one (someone guessing codes). Never about a vote.
 */
public record Alert(Instant at, Kind kind, String kioskName, int count) {

    public enum Kind {
        /** The tablet was online and its heartbeat stopped. */
        KIOSK_OFFLINE,
        /** At least {@code count} wrong codes within a minute on the tablet. */
        REFUSED_BURST
    }
}
