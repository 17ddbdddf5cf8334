package vn.tinnhiem.audit.internal;

import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.Locale;

import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditSentences;
import vn.tinnhiem.shared.i18n.Translations;
import vn.tinnhiem.shared.report.PdfReport;
import vn.tinnhiem.shared.report.PdfReport.Column;
import vn.tinnhiem.shared.report.XlsxReport;

/**
 * The audit log as a printout (A4 landscape) and a spreadsheet, written entry by entry as the reader
 * pages through the log. Times are the hall's. The printout ends with the number of entries and the
 * hash of the last one, which a reader can compare with the hash shown on the audit screen later.
 */
public final class AuditDocuments {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    private final AuditRepository repository;
    private final AuditScope scope;
    private final Locale locale;
    private final Clock clock;
    private final String exportedBy;

    public AuditDocuments(AuditRepository repository, AuditScope scope, Locale locale, Clock clock,
            String exportedBy) {
        this.repository = repository;
        this.scope = scope;
        this.locale = locale;
        this.clock = clock;
        this.exportedBy = exportedBy;
    }

    public void pdf(OutputStream out) {
        try (var pdf = PdfReport.landscape(locale)) {
            String title = translate("export.audit.title");
            pdf.title(title).centred(made()).runningHeader(title).footer(made());
            if (!scope.all()) {
                pdf.paragraph(translate("export.audit.scoped"));
            }
            pdf.table(List.of(Column.text("#", 0.6f).centered(), Column.text(translate("audit.when"), 1.7f),
                    Column.text(translate("audit.actor"), 1.1f), Column.text(translate("audit.action"), 1.9f),
                    Column.text(translate("audit.subject"), 1.5f), Column.text(translate("audit.details"), 3f),
                    Column.text(translate("audit.hash"), 2f).size(7)), 0);
            String[] last = {""};
            Map<String, String> titles = titles();
            // The printout is read by people: the details in words, from the typed fields. The spreadsheet
            // keeps the stored text, which is what the hashes cover.
            long count = forEachOldestFirst(e -> {
                pdf.row(List.of(Long.toString(e.id()), when(e), e.actor(), action(e.action()), e.subject(),
                        AuditSentences.describe(e, titles, locale), e.entryHash()));
                last[0] = e.entryHash();
            });
            pdf.endTable().paragraph(translate("export.audit.summary", count, last[0].isEmpty() ? "-" : last[0]));
            pdf.writeTo(out);
        }
    }

    public void xlsx(OutputStream out) {
        try (var xlsx = new XlsxReport(translate("export.audit.title"))) {
            var sheet = xlsx.sheet(translate("export.audit.sheet"), List.of("#", translate("audit.when"),
                    translate("audit.actor"), translate("audit.action"), translate("export.audit.actionKey"),
                    translate("audit.subject"), translate("audit.details"), translate("export.audit.previousHash"),
                    translate("audit.hash")), List.of(8, 20, 16, 30, 24, 18, 60, 66, 66));
            forEachOldestFirst(e -> sheet.row(e.id(), when(e), e.actor(), action(e.action()), e.action(),
                    e.subject(), e.details(), e.previousHash(), e.entryHash()));
            xlsx.writeTo(out);
        }
    }

    /**
     * Every entry the reader may see in chain order, from the repository's cursor (memory stays bounded), names
     * hidden where the reader may not see them; returns how many.
     */
    private long forEachOldestFirst(Consumer<AuditEntry> each) {
        try (Stream<AuditEntry> entries = repository.inOrder(scope)) {
            long[] count = {0};
            entries.forEach(e -> {
                each.accept(scope.hideNames() ? e.withoutNames() : e);
                count[0]++;
            });
            return count[0];
        }
    }

    /** The conferences' titles as the log last recorded them, those of the reader's scope only. */
    private Map<String, String> titles() {
        Map<String, String> titles = new HashMap<>();
        for (var r : repository.subjectDetails(List.of("election.create", "election.update"))) {
            AuditFields.decode("election.update", r.value2()).get("title").filter(t -> !t.isBlank())
                    .filter(t -> scope.covers(r.value1())).ifPresent(t -> titles.put(r.value1(), t));
        }
        return titles;
    }

    private String when(AuditEntry e) {
        return LocalDateTime.ofInstant(e.occurredAt(), clock.getZone()).format(WHEN);
    }

    /** The action in words where the bundle has them, else its key (which is what the hash covers). */
    private String action(String key) {
        String label = Translations.translate("audit.action." + key, locale);
        return label.startsWith("!") ? key : label;
    }

    private String made() {
        return translate("export.audit.made", LocalDateTime.now(clock).format(WHEN), exportedBy);
    }

    private String translate(String key, Object... args) {
        return Translations.translate(key, locale, args);
    }
}
