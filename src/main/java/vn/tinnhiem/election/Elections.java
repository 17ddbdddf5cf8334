package vn.tinnhiem.election;

import static vn.tinnhiem.election.internal.ConferenceRows.subject;
import static vn.tinnhiem.election.internal.TypedText.MAX_FIELD;
import static vn.tinnhiem.election.internal.TypedText.MAX_TITLE;
import static vn.tinnhiem.election.internal.TypedText.optional;
import static vn.tinnhiem.election.internal.TypedText.required;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.internal.ConferenceRows;
import vn.tinnhiem.election.internal.DemoConference;
import vn.tinnhiem.election.internal.ElectionRepository;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Permission;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.RetriedWhenBusy;

/**
 * The conferences themselves: listed, found, created (or made as a demo), their details edited while DRAFT, and
 * deleted while DRAFT. A change locks the conference's row first, so a concurrent status change cannot slip
 * between the check and the write; every change is audited. A supervisor reads only the conferences and their
 * figures: never the roll's names, the ballot's candidates, the set-up or anything of the count.
 */
@Service
@RetriedWhenBusy
public class Elections {

    private final ElectionRepository repository;
    private final ConferenceRows rows;
    private final Candidates candidates;
    private final TallyBoard tallyBoard;
    private final AuditLog audit;
    private final Clock clock;

    Elections(ElectionRepository repository, ConferenceRows rows, Candidates candidates, TallyBoard tallyBoard,
            AuditLog audit, Clock clock) {
        this.repository = repository;
        this.rows = rows;
        this.candidates = candidates;
        this.tallyBoard = tallyBoard;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Every conference, its title and status. Still a supervisor's: no ballot, roll or result is in it, and
     * background readers of the live figures run with that role. A supervisor's home shows only
     * {@link Supervisors#supervisedByCurrentSupervisor}.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public List<Election> list() {
        return repository.all();
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public Optional<Election> find(ElectionId id) {
        return repository.find(id.value());
    }

    /**
     * The conference as an enrolled kiosk shows it (title, status). No staff role: a kiosk is an enrolled
     * device, not a staff session, so the kiosk module authorises its own caller (as for whileOpen).
     */
    @Transactional(readOnly = true)
    public Optional<Election> findForKiosk(ElectionId id) {
        return repository.find(id.value());
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public ElectionId create(ElectionDetails details) {
        ElectionDetails clean = validate(details);
        ElectionId id = ElectionId.of(repository.insert(clean, 1));
        scheduleChecklist(id, clean.startsAt().toLocalDate());
        audit.record("election.create", subject(id), AuditFields.of("title", clean.title()));
        return id;
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void updateDetails(ElectionId electionId, ElectionDetails details) {
        rows.editable(electionId);
        ElectionDetails clean = validate(details);
        repository.update(electionId.value(), clean);
        scheduleChecklist(electionId, clean.startsAt().toLocalDate());
        audit.record("election.update", subject(electionId), AuditFields.of("title", clean.title())
                .with("kind", clean.ballotKind()).with("rules", clean.ruleSet()).with("at", clean.startsAt()));
    }

    /** A conference shaped like the district's plan, with invented names. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public ElectionId createDemo() {
        return createDemo(DemoKind.DISTRICT_COMMITTEE);
    }

    /** A demo conference of the given shape (the district's plan, or a commune People's Council), invented names. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public ElectionId createDemo(DemoKind kind) {
        var demo = DemoConference.build(kind, LocalDate.now(clock).plusDays(21));
        ElectionId id = create(demo.details());
        demo.candidates().forEach(c -> candidates.addCandidate(id, c.fullName(), c.jobTitle()));
        repository.insertVoters(id.value(), 1, demo.voters());
        demo.tellers().forEach(t -> tallyBoard.addTeller(id, t.fullName(), t.head()));
        tallyBoard.setThreshold(id, demo.thresholdK());
        audit.record("election.demo", subject(id), AuditFields.of("voters", demo.voters().size()));
        return id;
    }

    /** Deletes a conference still in DRAFT, with everything in it; once READY it is part of the record. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void delete(ElectionId electionId) {
        Election election = rows.locked(electionId);
        if (election.status() != ElectionStatus.DRAFT) {
            throw new UserFacingException("election.error.deleteNotDraft", "status." + election.status().name());
        }
        repository.delete(electionId.value());
        audit.record("election.delete", subject(electionId), AuditFields.of("title", election.title()));
    }

    /**
     * Whether the organiser may change the conference's lists (details, candidates, roll, the board's seats and
     * k) now: in DRAFT only. Otherwise the reason is the conference screen's notice: READY may go back to DRAFT,
     * a conference whose polls have opened is never edited again. For display: each change checks again.
     */
    @RolesAllowed(Roles.ADMIN)
    public Permission listsEditing(Election election) {
        ElectionStatus status = election.status();
        if (status.isEditable()) {
            return Permission.allowed();
        }
        return Permission.notNow(Refusal.of(status == ElectionStatus.READY ? "election.lockedNotice"
                : "election.lockedNotice.final", "status." + status.name()));
    }

    /**
     * Whether the signed-in person may delete the conference now: the organiser, while it is DRAFT (see
     * {@link #delete}). A teller's status screen asks too, and is told it is not theirs.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    public Permission deleting(Election election) {
        if (!CurrentStaff.hasRole(Roles.ADMIN)) {
            return Permission.notYours();
        }
        return election.status() == ElectionStatus.DRAFT ? Permission.allowed()
                : Permission.notNow(Refusal.of("election.error.deleteNotDraft", "status." + election.status().name()));
    }

    private void scheduleChecklist(ElectionId electionId, LocalDate conference) {
        for (ChecklistStep step : ChecklistStep.values()) {
            repository.putChecklistDue(electionId.value(), step, conference.plusDays(step.daysFromConference()));
        }
    }

    private static ElectionDetails validate(ElectionDetails d) {
        if (d.startsAt() == null) {
            throw new UserFacingException("election.error.date");
        }
        String title = required(d.title(), MAX_TITLE, "election.error.title");
        String body = required(d.body(), MAX_FIELD, "election.error.body");
        // The legal basis is never assumed: the minutes cite it.
        if (d.ruleSet() == null) {
            throw new UserFacingException("election.error.ruleSet");
        }
        if (d.ballotKind() == null) {
            throw new UserFacingException("election.error.ballotKind");
        }
        return new ElectionDetails(title, body, optional(d.place(), MAX_FIELD),
                d.startsAt().withSecond(0).withNano(0), d.ballotKind(), d.ruleSet());
    }
}
