package vn.tinnhiem.election;

import static vn.tinnhiem.election.internal.ConferenceRows.subject;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.account.StaffAccount;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.internal.ConferenceRows;
import vn.tinnhiem.election.internal.ElectionRepository;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Permission;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.RetriedWhenBusy;

/**
 * The supervisors of a conference, named in its set-up like the board's seats: they watch the live figures of
 * these conferences only. The list changes in any status until TALLIED, with the conference's row locked first.
 */
@Service
@RetriedWhenBusy
public class Supervisors {

    private final ElectionRepository repository;
    private final ConferenceRows rows;
    private final AccountService accounts;
    private final AuditLog audit;

    Supervisors(ElectionRepository repository, ConferenceRows rows, AccountService accounts, AuditLog audit) {
        this.repository = repository;
        this.rows = rows;
        this.accounts = accounts;
        this.audit = audit;
    }

    /** The user names of the SUPERVISOR accounts named for the conference, in alphabetical order. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional(readOnly = true)
    public List<String> named(ElectionId electionId) {
        rows.existing(electionId);
        return repository.supervisors(electionId.value());
    }

    /**
     * Names an enabled SUPERVISOR account for the conference, in any status until it is TALLIED (a supervisor
     * may be found on the morning of the conference; after the count there is nothing left to watch).
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void addSupervisor(ElectionId electionId, String username) {
        supervisorsOpen(electionId);
        String name = username == null ? "" : username.strip();
        if (name.isEmpty()) {
            throw new UserFacingException("supervisor.error.choose");
        }
        StaffAccount account = accounts.find(name).filter(a -> a.role() == Role.SUPERVISOR && a.enabled())
                .orElseThrow(() -> new UserFacingException("supervisor.error.notASupervisor", name));
        if (!repository.insertSupervisor(electionId.value(), account.username())) {
            throw new UserFacingException("supervisor.error.already", account.username());
        }
        audit.record("supervisor.add", subject(electionId), AuditFields.of("account", account.username()));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void removeSupervisor(ElectionId electionId, String username) {
        supervisorsOpen(electionId);
        if (repository.deleteSupervisor(electionId.value(), username) == 0) {
            throw new UserFacingException("supervisor.error.missing", username);
        }
        audit.record("supervisor.remove", subject(electionId), AuditFields.of("account", username));
    }

    /**
     * Whether the organiser may name or remove the conference's supervisors now: until it is TALLIED. For
     * display: {@link #addSupervisor} and {@link #removeSupervisor} check again, with the row locked.
     */
    @RolesAllowed(Roles.ADMIN)
    public Permission changing(Election election) {
        return election.status() == ElectionStatus.TALLIED
                ? Permission.notNow(Refusal.of("supervisor.error.locked", "status." + election.status().name()))
                : Permission.allowed();
    }

    private void supervisorsOpen(ElectionId electionId) {
        Permission now = changing(rows.locked(electionId));
        if (!now.isAllowed()) {
            Refusal locked = now.reasons().getFirst();
            throw new UserFacingException(locked.key(), locked.args().toArray());
        }
    }

    /**
     * Whether the signed-in staff member may watch this conference's live figures: the organiser, or a
     * SUPERVISOR named for it. The supervision screens ask this before they show anything; false for a
     * conference that does not exist, a teller, or a supervisor named for other conferences only.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public boolean maySupervise(ElectionId electionId) {
        if (repository.find(electionId.value()).isEmpty()) {
            return false;
        }
        if (CurrentStaff.hasRole(Roles.ADMIN)) {
            return true;
        }
        return CurrentStaff.hasRole(Roles.SUPERVISOR) && CurrentStaff.username()
                .map(repository::supervisedBy).orElse(List.of()).contains(electionId);
    }

    /** The conferences the signed-in supervisor is named for, in the order of {@link Elections#list}. */
    @RolesAllowed(Roles.SUPERVISOR)
    @Transactional(readOnly = true)
    public List<Election> supervisedByCurrentSupervisor() {
        List<ElectionId> mine = CurrentStaff.username().map(repository::supervisedBy).orElse(List.of());
        return repository.all().stream().filter(e -> mine.contains(e.id())).toList();
    }
}
