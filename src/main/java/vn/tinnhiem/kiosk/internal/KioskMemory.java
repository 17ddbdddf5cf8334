package vn.tinnhiem.kiosk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The two times a kiosk has, held in this server's memory and never in the database (the kiosk table
 * is on the voter's side: no time column, docs/architecture.md): when each pending enrollment code
 * expires, and each tablet's last contact, to the minute, set by its heartbeat only. A restart forgets
 * both: pending codes then count as expired (the administrator shows a new one) and the list reads
 * "no contact since the server started" until the next heartbeat, a few seconds later. One server
 * serves a hall, so one memory is the whole truth.
 */
@Component
public class KioskMemory {

    private final Map<String, Instant> deadlines = new ConcurrentHashMap<>();
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

    /** Opens the kiosk's enrollment for the given time (any earlier code of it is then expired). */
    public Instant openEnrollment(String kioskId, Duration validity) {
        Instant deadline = clock.instant().plus(validity);
        deadlines.put(kioskId, deadline);
        return deadline;
    }

    public boolean enrollmentOpen(String kioskId) {
        Instant deadline = deadlines.get(kioskId);
        return deadline != null && clock.instant().isBefore(deadline);
    }

    public void closeEnrollment(String kioskId) {
        deadlines.remove(kioskId);
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
        deadlines.remove(kioskId);
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
