package vn.tinnhiem.election;

import static vn.tinnhiem.election.internal.ConferenceRows.subject;
import static vn.tinnhiem.election.internal.TypedText.MAX_NAME;
import static vn.tinnhiem.election.internal.TypedText.MAX_TITLE;
import static vn.tinnhiem.election.internal.TypedText.optional;
import static vn.tinnhiem.election.internal.TypedText.required;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.internal.ConferenceRows;
import vn.tinnhiem.election.internal.ElectionRepository;
import vn.tinnhiem.election.internal.RollImporter;
import vn.tinnhiem.election.internal.SearchText;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.RetriedWhenBusy;
import vn.tinnhiem.shared.files.Sha256;

/**
 * The voter roll of a conference: read and searched by the organiser and the tellers (never a supervisor), and
 * changed only in DRAFT, by hand or by importing a file, with the conference's row locked first and every change
 * audited.
 */
@Service
@RetriedWhenBusy
public class VoterRoll {

    private final ElectionRepository repository;
    private final ConferenceRows rows;
    private final AuditLog audit;

    VoterRoll(ElectionRepository repository, ConferenceRows rows, AuditLog audit) {
        this.repository = repository;
        this.rows = rows;
        this.audit = audit;
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<Voter> voters(ElectionId electionId) {
        return repository.voters(electionId.value());
    }

    /**
     * A page of the roll whose names contain the typed text, in roll order. Diacritics and case are
     * optional: "nguyen van" finds "Nguyễn Văn An", "duc" finds "Đức". Blank text: the whole roll.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public VoterPage searchVoters(ElectionId electionId, String text, int offset, int limit) {
        SearchText.checkPage(offset, limit);
        String folded = SearchText.fold(text == null ? "" : text);
        return new VoterPage(repository.searchVoters(electionId.value(), folded, offset, limit),
                repository.countVoters(electionId.value(), folded));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void addVoter(ElectionId electionId, NewVoter voter) {
        rows.editable(electionId);
        NewVoter clean = new NewVoter(required(voter.fullName(), MAX_NAME, "voter.error.name"),
                optional(voter.jobTitle(), MAX_TITLE), optional(voter.organisation(), MAX_TITLE));
        int count = repository.voterCount(electionId.value());
        repository.insertVoters(electionId.value(), count + 1, List.of(clean));
        audit.record("voter.add", subject(electionId), AuditFields.of("ordinal", count + 1)
                .with("name", clean.fullName()));
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void removeVoter(ElectionId electionId, long voterId) {
        rows.editable(electionId);
        if (repository.deleteVoter(electionId.value(), voterId) == 0) {
            throw new UserFacingException("voter.error.missing");
        }
        List<Voter> rest = repository.voters(electionId.value());
        for (int i = 0; i < rest.size(); i++) {
            repository.setVoterOrdinal(rest.get(i).id(), i + 1);
        }
        audit.record("voter.remove", subject(electionId), AuditFields.of("voter", voterId));
    }

    /**
     * Replaces the roll with the file's rows, all or nothing: a single bad row leaves the roll as it
     * was and every bad row is reported.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public RollImportResult importRoll(ElectionId electionId, String fileName, byte[] content) {
        // Parse first: reading a large file must not hold the election's row lock.
        RollImporter.Parsed parsed = RollImporter.parse(fileName, content);
        rows.editable(electionId);
        String fileHash = Sha256.hex(content);
        if (!parsed.problems().isEmpty()) {
            // On the record even if the caller's transaction rolls back after this returns.
            audit.recordRefusal("voter.import.refused", subject(electionId),
                    AuditFields.of("file", fileName).with("sha256", fileHash)
                            .with("problems", parsed.problems().size()));
            return new RollImportResult(0, parsed.problems());
        }
        repository.deleteAllVoters(electionId.value());
        repository.insertVoters(electionId.value(), 1, parsed.voters());
        audit.record("voter.import", subject(electionId), renumbered(AuditFields.of("file", fileName)
                .with("sha256", fileHash).with("rows", parsed.voters().size()), parsed.renumbered()));
        return new RollImportResult(parsed.voters().size(), List.of(), parsed.renumbered());
    }

    private static AuditFields renumbered(AuditFields fields, boolean renumbered) {
        return renumbered ? fields.with("renumbered", true) : fields;
    }
}
