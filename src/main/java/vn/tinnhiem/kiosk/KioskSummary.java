package vn.tinnhiem.kiosk;

import java.time.Instant;
import java.util.Optional;

/**
 * A tablet as the administrator's list shows it. The last contact is to the minute, kept in this
 * server's memory only (empty until the tablet's first heartbeat since the server started).
 */
public record KioskSummary(Kiosk kiosk, String conferenceTitle, Optional<Instant> lastContact) {
}
