package vn.tinnhiem.supervision;

import java.time.Instant;
import java.util.Optional;

/**
 * One tablet of the conference: its state, its last contact (to the minute, empty since a restart until its
 * next heartbeat) and the wrong codes it read since the server started.
 */
public record KioskHealth(String id, String name, KioskState state, Optional<Instant> lastContact, int refusedCodes) {
}
