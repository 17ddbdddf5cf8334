package vn.tinnhiem.count;

import jakarta.annotation.security.RolesAllowed;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.UserFacingException;

/**
 * The documents of a counted conference, written from its {@linkplain CountResults#summary summary}: the minutes,
 * the report, each candidate's page, the table as a spreadsheet. Reads only.
 */
@Service
public class CountDocuments {

    private final CountResults results;

    CountDocuments(CountResults results) {
        this.results = results;
    }

    /** The minutes, "BIÊN BẢN KIỂM PHIẾU", in numbered copies (Bản số 1/3 ...), as PDF. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public void writeMinutes(ElectionId electionId, java.util.Locale locale, java.io.OutputStream out) {
        MinutesPdf.write(counted(electionId), locale, out);
    }

    /** The report, "BÁO CÁO KẾT QUẢ PHIẾU TÍN NHIỆM", in numbered copies, as PDF. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public void writeReport(ElectionId electionId, java.util.Locale locale, java.io.OutputStream out) {
        ReportPdf.write(counted(electionId), locale, out);
    }

    /** One candidate's own result, on a page of its own, to hand to them. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public void writeCandidatePage(ElectionId electionId, int order, java.util.Locale locale, java.io.OutputStream out) {
        CandidateResultPdf.write(counted(electionId), order, locale, out);
    }

    /** The result table as a spreadsheet. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public void writeResultsXlsx(ElectionId electionId, java.util.Locale locale, java.io.OutputStream out) {
        ResultsXlsx.write(counted(electionId), locale, out);
    }

    private CountSummary counted(ElectionId electionId) {
        return results.summary(electionId).orElseThrow(() -> new UserFacingException("count.error.notCounted"));
    }
}
