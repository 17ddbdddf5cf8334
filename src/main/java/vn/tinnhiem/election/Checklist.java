package vn.tinnhiem.election;

import static vn.tinnhiem.election.internal.ConferenceRows.subject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.internal.ConferenceRows;
import vn.tinnhiem.election.internal.ElectionRepository;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.database.RetriedWhenBusy;

/**
 * The preparation checklist of a conference: its steps fall due at fixed days from the conference (scheduled by
 * {@link Elections} with the date) and are ticked off by hand, in any status. Nothing here locks the conference.
 */
@Service
@RetriedWhenBusy
public class Checklist {

    private final ElectionRepository repository;
    private final ConferenceRows rows;
    private final AuditLog audit;
    private final Clock clock;

    Checklist(ElectionRepository repository, ConferenceRows rows, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<ChecklistItem> items(ElectionId electionId) {
        return repository.checklist(electionId.value());
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void setChecklistDone(ElectionId electionId, ChecklistStep step, boolean done) {
        rows.existing(electionId);
        String by = CurrentStaff.username().orElse("system");
        repository.setChecklistDone(electionId.value(), step, done ? Optional.of(clock.instant()) : Optional.empty(),
                done ? Optional.of(by) : Optional.empty());
        audit.record(done ? "checklist.done" : "checklist.undone", subject(electionId), AuditFields.of("step", step));
    }
}
