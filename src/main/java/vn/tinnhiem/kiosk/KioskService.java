package vn.tinnhiem.kiosk;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.database.RetriedWhenBusy;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.kiosk.internal.EnrollmentDeadlines;
import vn.tinnhiem.kiosk.internal.KioskMemory;
import vn.tinnhiem.kiosk.internal.KioskRepository;
import vn.tinnhiem.kiosk.internal.Secrets;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.Permission;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.files.Sha256;

/**
 * Enrolled tablets. The administrator adds a tablet for a conference and shows its one-time enrollment
 * code; the tablet that opens it gets a credential of its own (not a staff session), checked in the
 * database on every use, so that a revoked tablet is refused at its next request. The calls a tablet
 * makes ({@link #enroll}, {@link #current}, {@link #touch}, {@link #conferenceOf}) carry no staff role:
 * the credential is their authorisation. Nothing here is called when a ballot is cast, and nothing is
 * logged per ballot.
 */
@Service
public class KioskService {

    /** How long an enrollment code may be used. */
    public static final Duration ENROLLMENT_VALIDITY = Duration.ofMinutes(10);
    static final int MAX_NAME = 100;
    /** Three heartbeats missed (one every 5 s): the tablet counts as offline. */
    public static final Duration OFFLINE_AFTER = Duration.ofSeconds(16);

    private final KioskRepository repository;
    private final KioskMemory memory;
    private final EnrollmentDeadlines deadlines;
    private final Elections elections;
    private final AuditLog audit;

    KioskService(KioskRepository repository, KioskMemory memory, EnrollmentDeadlines deadlines, Elections elections,
            AuditLog audit) {
        this.deadlines = deadlines;
        this.repository = repository;
        this.memory = memory;
        this.elections = elections;
        this.audit = audit;
    }

    // The administrator's screen.

    /** The conferences a tablet may be enrolled for: those READY or OPEN. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional(readOnly = true)
    public List<Election> conferencesToEnrollFor() {
        return elections.list().stream()
                .filter(e -> e.status() == ElectionStatus.READY || e.status() == ElectionStatus.OPEN).toList();
    }

    /**
     * The conference the enrolment form offers first: the one whose polls are open, when exactly one is; else the
     * only one there is; else none (the organiser picks).
     */
    public Optional<Election> likelyToEnrollFor(List<Election> choices) {
        List<Election> open = choices.stream().filter(e -> e.status() == ElectionStatus.OPEN).toList();
        if (open.size() == 1) {
            return Optional.of(open.getFirst());
        }
        return choices.size() == 1 ? Optional.of(choices.getFirst()) : Optional.empty();
    }

    /** Whether the signed-in person manages the tablets (the organiser's screen); nobody else is shown it. */
    public Permission manageTablets() {
        return CurrentStaff.hasRole(Roles.ADMIN) ? Permission.allowed() : Permission.notYours();
    }

    /**
     * Whether a conference's home card tells the signed-in person about its tablets: the organiser's, while the
     * conference's lists are fixed or its polls open ({@code status}: the conference's status by name).
     */
    public Permission tabletsOnCard(String status) {
        boolean enrolling = status.equals(ElectionStatus.READY.name()) || status.equals(ElectionStatus.OPEN.name());
        return enrolling ? manageTablets() : Permission.notYours();
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional(readOnly = true)
    public List<KioskSummary> list() {
        return repository.all().stream().map(k -> new KioskSummary(k,
                elections.find(k.electionId()).map(Election::title).orElse(""), memory.lastContact(k.id()))).toList();
    }

    /** Adds a tablet for a READY or OPEN conference and opens its enrollment for ten minutes. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @RetriedWhenBusy
    public EnrollmentCode add(String name, ElectionId electionId) {
        String clean = validName(name);
        Election election = elections.find(electionId).orElseThrow(() -> new UserFacingException("kiosk.error.conference"));
        if (election.status() != ElectionStatus.READY && election.status() != ElectionStatus.OPEN) {
            throw new UserFacingException("kiosk.error.conference");
        }
        String code = Secrets.newEnrollmentCode();
        Kiosk kiosk = repository.insert(electionId, clean, Sha256.of(code));
        var issued = new EnrollmentCode(kiosk, code, deadlines.open(kiosk.id(), ENROLLMENT_VALIDITY));
        audit.record("kiosk.add", subject(kiosk.id()), AuditFields.of("name", clean).with("election", electionId));
        return issued;
    }

    /** A new code for a tablet still waiting (its code expired, or the server restarted): the old one is void. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @RetriedWhenBusy
    public EnrollmentCode newCode(String kioskId) {
        Kiosk kiosk = repository.lock(kioskId).orElseThrow(() -> new UserFacingException("kiosk.error.missing"));
        if (kiosk.status() != KioskStatus.PENDING) {
            throw new UserFacingException("kiosk.error.notPending");
        }
        String code = Secrets.newEnrollmentCode();
        repository.newEnrollmentHash(kioskId, Sha256.of(code));
        var issued = new EnrollmentCode(kiosk, code, deadlines.open(kioskId, ENROLLMENT_VALIDITY));
        audit.record("kiosk.newCode", subject(kioskId), AuditFields.of("name", kiosk.name())
                .with("election", kiosk.electionId()));
        return issued;
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @RetriedWhenBusy
    public void rename(String kioskId, String name) {
        String clean = validName(name);
        Kiosk kiosk = repository.lock(kioskId).orElseThrow(() -> new UserFacingException("kiosk.error.missing"));
        repository.rename(kioskId, clean);
        audit.record("kiosk.rename", subject(kioskId), AuditFields.of("old", kiosk.name()).with("name", clean)
                .with("election", kiosk.electionId()));
    }

    /**
     * Revokes a tablet for good: its credential (or its unused code) opens nothing from its next request
     * on; an open kiosk page learns it at its next heartbeat, within seconds.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @RetriedWhenBusy
    public void revoke(String kioskId) {
        Kiosk kiosk = repository.lock(kioskId).orElseThrow(() -> new UserFacingException("kiosk.error.missing"));
        if (kiosk.status() == KioskStatus.REVOKED) {
            return;
        }
        repository.revoke(kioskId);
        deadlines.close(kioskId);
        memory.forget(kioskId);
        audit.record("kiosk.revoke", subject(kioskId), AuditFields.of("name", kiosk.name())
                .with("election", kiosk.electionId()));
    }

    // The tablet's calls: no staff role, the code or the credential is the authorisation.

    /**
     * Spends an enrollment code: the tablet becomes an enrolled kiosk with a new credential, whose hash
     * alone is stored. Refused with {@code kiosk.enroll.used}, {@code kiosk.enroll.expired},
     * {@code kiosk.enroll.revoked} or {@code kiosk.enroll.unknown}.
     */
    @Transactional
    public Enrollment enroll(String code) {
        String clean = Secrets.normalizeCode(code);
        // The row lock makes two tablets racing with one code take turns: the second finds it spent.
        Kiosk kiosk = clean.isEmpty() ? null : repository.lockByEnrollmentHash(Sha256.of(clean)).orElse(null);
        if (kiosk == null) {
            throw new UserFacingException("kiosk.enroll.unknown");
        }
        switch (kiosk.status()) {
            case ACTIVE -> throw new UserFacingException("kiosk.enroll.used");
            case REVOKED -> throw new UserFacingException("kiosk.enroll.revoked");
            case PENDING -> {
            }
        }
        if (!deadlines.isOpen(kiosk.id())) {
            throw new UserFacingException("kiosk.enroll.expired");
        }
        String credential = Secrets.newCredential();
        repository.enroll(kiosk.id(), Sha256.of(credential));
        deadlines.close(kiosk.id());
        memory.touch(kiosk.id());
        audit.record("kiosk.enroll", subject(kiosk.id()), AuditFields.of("name", kiosk.name())
                .with("election", kiosk.electionId()));
        return new Enrollment(new Kiosk(kiosk.id(), kiosk.name(), kiosk.electionId(), KioskStatus.ACTIVE), credential);
    }

    /** The tablet holding this credential, whatever its status (to tell a revoked tablet so). */
    @Transactional(readOnly = true)
    public Optional<Kiosk> lookup(String credential) {
        if (credential.isBlank()) {
            return Optional.empty();
        }
        return repository.findByCredentialHash(Sha256.of(credential.strip()));
    }

    /** The enrolled, unrevoked tablet holding this credential: read from the database on every call. */
    @Transactional(readOnly = true)
    public Optional<Kiosk> current(String credential) {
        return lookup(credential).filter(Kiosk::isActive);
    }

    /**
     * The heartbeat of an enrolled tablet: its last contact, to the minute, in memory only. Called by
     * the kiosk page's heartbeat, never when a ballot is cast (so nothing ties a cast to a tablet's time).
     */
    public void touch(String kioskId) {
        memory.touch(kioskId);
    }

    /** The heartbeat, also saying whether a voter is on one of the tablet's steps (for the supervision screen). */
    public void touch(String kioskId, boolean voterOnScreen) {
        memory.touch(kioskId, voterOnScreen);
    }

    /**
     * The enrolled tablets of a conference as the supervision screen shows them: online (a heartbeat within
     * {@link #OFFLINE_AFTER}), a voter on screen or not, and the last contact to the minute. From this
     * server's memory: a tablet talks to one server, the hall's.
     */
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<KioskPresence> presence(ElectionId electionId) {
        var now = memory.now();
        return repository.all().stream().filter(k -> k.electionId().equals(electionId) && k.isActive()).map(k -> {
            var beat = memory.lastBeat(k.id());
            boolean online = beat.isPresent() && beat.get().at().isAfter(now.minus(OFFLINE_AFTER));
            return new KioskPresence(k, memory.lastContact(k.id()), online, online && beat.get().voterOnScreen());
        }).toList();
    }

    /** The conference a kiosk votes for, as it shows it (title and status). */
    @Transactional(readOnly = true)
    public Optional<Election> conferenceOf(Kiosk kiosk) {
        return elections.findForKiosk(kiosk.electionId());
    }

    private static String validName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME) {
            throw new UserFacingException("kiosk.error.name", MAX_NAME);
        }
        return clean;
    }

    private static String subject(String kioskId) {
        return "kiosk:" + kioskId;
    }
}
