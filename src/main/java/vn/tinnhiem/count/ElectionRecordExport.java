package vn.tinnhiem.count;

import jakarta.annotation.security.RolesAllowed;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.tinnhiem.count.internal.CountRepository;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;

/** The election record's download (docs/protocol.md 10.2). Reads only, in one read-only transaction. */
@Service
public class ElectionRecordExport {

    private final CountRepository repository;
    private final CountGuards guards;
    private final ElectionRecordContent record;

    ElectionRecordExport(CountRepository repository, CountGuards guards, ElectionRecordContent record) {
        this.repository = repository;
        this.guards = guards;
        this.record = record;
    }

    /** Streams the election record (docs/protocol.md 10.2) of a counted conference. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public void writeRecord(ElectionId electionId, java.io.OutputStream out) {
        guards.readable(electionId);
        if (repository.result(electionId.value()).isEmpty()) {
            throw new UserFacingException("count.error.notCounted");
        }
        record.write(electionId, out);
    }
}
