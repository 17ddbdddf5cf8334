package vn.tinnhiem.kiosk;

import java.time.Instant;
import java.util.Optional;

/**
 * An enrolled tablet as the supervision screen shows it: whether its heartbeat still comes, whether a voter is
 * on one of its steps (ballot, review, result) or it waits, and its last contact to the minute. In this
 * server's memory only: empty since a restart until the tablet's next heartbeat.
 */
public record KioskPresence(Kiosk kiosk, Optional<Instant> lastContact, boolean online, boolean voterOnScreen) {
}
