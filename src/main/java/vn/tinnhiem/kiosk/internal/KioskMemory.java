package vn.tinnhiem.kiosk.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Each tablet's last contact, held in this instance's memory and never in the database: to the minute for
 * the list, to the second (with whether a voter is on one of its steps) for the supervision screen, set by
 * the kiosk page's heartbeat only. A restart or a failover to a standby instance forgets it: the list reads
 * "no contact since the server started" until the tablet's next heartbeat, five seconds later, which is why
 * it is not worth a row written every few seconds per tablet (and the "voter on screen" flag, which changes
 * as voters come and go, must never reach the database's logs). Also the clock of the kiosk module: pending
 * enrollment codes' deadlines are in the database ({@link EnrollmentDeadlines}), measured by {@link #now()}.
 */
@Component
public class KioskMemory {

    private final Map<String, Instant> contacts = new ConcurrentHashMap<>();
    /**
     * For the supervision screen: each tablet's last heartbeat to the second (only to tell online from offline,
     * never shown or stored) and whether a voter was on one of its steps then.
     */
    private final Map<String, Beat> beats = new ConcurrentHashMap<>();

    /** A tablet's last heartbeat: when, and whether a voter was on a ballot, review or result screen. */
    public record Beat(Instant at, boolean voterOnScreen) {
    }
    private volatile Clock clock;

    KioskMemory(Clock clock) {
        this.clock = clock;
    }

    /** A heartbeat: the tablet is there now (to the minute: the list needs no more). */
    public void touch(String kioskId) {
        touch(kioskId, false);
    }

    /** A heartbeat that also says whether a voter is on one of the tablet's steps now (or it is idle). */
    public void touch(String kioskId, boolean voterOnScreen) {
        Instant now = clock.instant();
        contacts.put(kioskId, now.truncatedTo(ChronoUnit.MINUTES));
        beats.put(kioskId, new Beat(now.truncatedTo(ChronoUnit.SECONDS), voterOnScreen));
    }

    public Optional<Beat> lastBeat(String kioskId) {
        return Optional.ofNullable(beats.get(kioskId));
    }

    public Instant now() {
        return clock.instant();
    }

    public Optional<Instant> lastContact(String kioskId) {
        return Optional.ofNullable(contacts.get(kioskId));
    }

    public void forget(String kioskId) {
        contacts.remove(kioskId);
        beats.remove(kioskId);
    }

    /** Tests move time forward here to see a code expire. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }
}
