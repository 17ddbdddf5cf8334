package vn.tinnhiem.election;

import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.election.internal.ElectionDocuments;
import vn.tinnhiem.election.internal.ElectionRepository;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.report.ExportFormat;
import vn.tinnhiem.shared.Roles;

/**
 * The organiser's printouts and spreadsheets of a conference: the voter roll with a column to sign,
 * the candidates, a preview of the ballot, the checklist; and the blank template the roll is imported
 * from. Everything is read in one read-only transaction, so a document shows one consistent state.
 */
@Service
public class ElectionExports {

    /** What can be printed or exported, and in which formats. */
    public enum Document {
        ROLL("danh-sach-nguoi-ghi-phieu", ExportFormat.PDF, ExportFormat.XLSX),
        CANDIDATES("danh-sach-nguoi-duoc-lay-phieu", ExportFormat.PDF, ExportFormat.XLSX),
        BALLOT_PREVIEW("phieu-tin-nhiem-xem-truoc", ExportFormat.PDF),
        CHECKLIST("tien-do-chuan-bi", ExportFormat.PDF, ExportFormat.XLSX);

        private final String fileStem;
        private final List<ExportFormat> formats;

        Document(String fileStem, ExportFormat... formats) {
            this.fileStem = fileStem;
            this.formats = List.of(formats);
        }

        public List<ExportFormat> formats() {
            return formats;
        }

        /** The label's message key. */
        public String labelKey() {
            return "export.document." + name();
        }
    }

    private final ElectionRepository repository;
    private final Clock clock;

    ElectionExports(ElectionRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Writes one document of one conference, in the reader's language, to {@code out}. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional(readOnly = true)
    public void write(ElectionId electionId, Document document, ExportFormat format, Locale locale, OutputStream out) {
        if (!document.formats().contains(format)) {
            throw new IllegalArgumentException(document + " has no " + format + " form");
        }
        Election election = repository.find(electionId.value())
                .orElseThrow(() -> new UserFacingException("election.error.missing"));
        var documents = new ElectionDocuments(election, locale, clock);
        switch (document) {
            case ROLL -> {
                List<Voter> voters = repository.voters(electionId.value());
                if (format == ExportFormat.PDF) {
                    documents.rollPdf(voters, repository.tellers(electionId.value()), out);
                } else {
                    documents.rollXlsx(voters, out);
                }
            }
            case CANDIDATES -> {
                if (format == ExportFormat.PDF) {
                    documents.candidatesPdf(repository.candidates(electionId.value()), out);
                } else {
                    documents.candidatesXlsx(repository.candidates(electionId.value()), out);
                }
            }
            case BALLOT_PREVIEW -> documents.ballotPreviewPdf(repository.candidates(electionId.value()), out);
            case CHECKLIST -> {
                if (format == ExportFormat.PDF) {
                    documents.checklistPdf(repository.checklist(electionId.value()), out);
                } else {
                    documents.checklistXlsx(repository.checklist(electionId.value()), out);
                }
            }
        }
    }

    /**
     * The blank roll template (XLSX or CSV) with the headers the import reads and one example row. It
     * holds no data of any conference, so it needs neither a conference nor a role.
     */
    public static void writeImportTemplate(ExportFormat format, Locale locale, OutputStream out) {
        switch (format) {
            case XLSX -> ElectionDocuments.templateXlsx(locale, out);
            case CSV -> ElectionDocuments.templateCsv(locale, out);
            case PDF -> throw new IllegalArgumentException("The import template is a spreadsheet");
        }
    }

    /** A plain ASCII file name, safe in every browser's download bar: stem, conference id, extension. */
    public static String fileName(Document document, ExportFormat format, ElectionId electionId) {
        return document.fileStem + "-" + electionId + "." + format.extension();
    }

    public static String importTemplateFileName(ExportFormat format) {
        return "mau-danh-sach-nguoi-ghi-phieu." + format.extension();
    }
}
