package vn.tinnhiem.election;

import static vn.tinnhiem.election.internal.ConferenceRows.subject;
import static vn.tinnhiem.election.internal.TypedText.MAX_NAME;
import static vn.tinnhiem.election.internal.TypedText.MAX_TITLE;
import static vn.tinnhiem.election.internal.TypedText.required;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.internal.ConferenceRows;
import vn.tinnhiem.election.internal.ElectionRepository;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.RetriedWhenBusy;

/**
 * The candidates on a conference's ballot, in ballot order. They change only in DRAFT, each change with the
 * conference's row locked first (a status change cannot slip between the check and the write), and audited.
 */
@Service
@RetriedWhenBusy
public class Candidates {

    static final int MAX_CANDIDATES = 200;

    private final ElectionRepository repository;
    private final ConferenceRows rows;
    private final AuditLog audit;

    Candidates(ElectionRepository repository, ConferenceRows rows, AuditLog audit) {
        this.repository = repository;
        this.rows = rows;
        this.audit = audit;
    }

    /**
     * The candidates on the ballot of a conference whose lists are fixed (not DRAFT), as a kiosk shows and seals
     * them. No staff role, as for {@link Elections#findForKiosk}: the caller authorises the kiosk.
     */
    @Transactional(readOnly = true)
    public List<Candidate> ballotForKiosk(ElectionId electionId) {
        Election election = rows.existing(electionId);
        if (election.status() == ElectionStatus.DRAFT) {
            throw new UserFacingException("election.error.notOpen", "status." + election.status().name());
        }
        return repository.candidates(electionId.value());
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<Candidate> list(ElectionId electionId) {
        return repository.candidates(electionId.value());
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void addCandidate(ElectionId electionId, String fullName, String jobTitle) {
        rows.editable(electionId);
        String name = required(fullName, MAX_NAME, "candidate.error.name");
        String title = required(jobTitle, MAX_TITLE, "candidate.error.title");
        int count = repository.candidates(electionId.value()).size();
        if (count >= MAX_CANDIDATES) {
            throw new UserFacingException("candidate.error.tooMany", MAX_CANDIDATES);
        }
        repository.insertCandidate(electionId.value(), count + 1, name, title);
        audit.record("candidate.add", subject(electionId), AuditFields.of("ordinal", count + 1).with("name", name));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void updateCandidate(ElectionId electionId, long candidateId, String fullName, String jobTitle) {
        rows.editable(electionId);
        String name = required(fullName, MAX_NAME, "candidate.error.name");
        String title = required(jobTitle, MAX_TITLE, "candidate.error.title");
        if (repository.updateCandidate(electionId.value(), candidateId, name, title) == 0) {
            throw new UserFacingException("candidate.error.missing");
        }
        audit.record("candidate.update", subject(electionId), AuditFields.of("candidate", candidateId).with("name", name));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void removeCandidate(ElectionId electionId, long candidateId) {
        rows.editable(electionId);
        if (repository.deleteCandidate(electionId.value(), candidateId) == 0) {
            throw new UserFacingException("candidate.error.missing");
        }
        renumberCandidates(electionId, repository.candidates(electionId.value()).stream().map(Candidate::id).toList());
        audit.record("candidate.remove", subject(electionId), AuditFields.of("candidate", candidateId));
    }

    /** Moves a candidate up (-1) or down (+1) the ballot. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void moveCandidate(ElectionId electionId, long candidateId, int delta) {
        rows.editable(electionId);
        List<Long> order = new ArrayList<>(repository.candidates(electionId.value()).stream().map(Candidate::id).toList());
        int from = order.indexOf(candidateId);
        if (from < 0) {
            throw new UserFacingException("candidate.error.missing");
        }
        int to = Math.max(0, Math.min(order.size() - 1, from + delta));
        order.add(to, order.remove(from));
        renumberCandidates(electionId, order);
        audit.record("candidate.move", subject(electionId), AuditFields.of("candidate", candidateId).with("to", to + 1));
    }

    private void renumberCandidates(ElectionId electionId, List<Long> order) {
        for (int i = 0; i < order.size(); i++) {
            repository.setCandidateOrdinal(electionId.value(), order.get(i), i + 1);
        }
    }
}
