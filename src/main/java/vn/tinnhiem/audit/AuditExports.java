package vn.tinnhiem.audit;

import java.io.OutputStream;
import java.time.Clock;
import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.internal.AuditDocuments;
import vn.tinnhiem.audit.internal.AuditRepository;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.report.ExportFormat;
import vn.tinnhiem.shared.Roles;

/**
 * The audit log as a PDF or XLSX file: the whole log for the organiser; for a supervisor, the entries of
 * their conferences with names hidden, as their screen shows them. The log is read a page at a time in one
 * read-only transaction: a consistent snapshot, in bounded memory.
 */
@Service
public class AuditExports {

    private final AuditRepository repository;
    private final Clock clock;
    private final AuditReaders readers;

    AuditExports(AuditRepository repository, Clock clock, AuditReaders readers) {
        this.repository = repository;
        this.clock = clock;
        this.readers = readers;
    }

    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public void write(ExportFormat format, Locale locale, OutputStream out) {
        var documents = new AuditDocuments(repository, readers.current(), locale, clock,
                CurrentStaff.username().orElse("system"));
        switch (format) {
            case PDF -> documents.pdf(out);
            case XLSX -> documents.xlsx(out);
            case CSV -> throw new IllegalArgumentException("The audit log exports as PDF or XLSX");
        }
    }

    /**
     * Whether the signed-in person reads an extract of the log, not the whole of it: a supervisor's, the entries of
     * their conferences with names hidden, on their screen and in their file alike.
     */
    public boolean extractOnly() {
        return CurrentStaff.hasRole(Roles.SUPERVISOR);
    }

    public static String fileName(ExportFormat format) {
        return "nhat-ky-thao-tac." + format.extension();
    }
}
