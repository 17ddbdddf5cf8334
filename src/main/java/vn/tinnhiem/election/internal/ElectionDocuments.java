package vn.tinnhiem.election.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import vn.tinnhiem.election.Candidate;
import vn.tinnhiem.election.ChecklistItem;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Teller;
import vn.tinnhiem.election.Voter;
import vn.tinnhiem.shared.i18n.Translations;
import vn.tinnhiem.shared.report.PdfReport;
import vn.tinnhiem.shared.report.PdfReport.CellStyle;
import vn.tinnhiem.shared.report.PdfReport.Column;
import vn.tinnhiem.shared.report.SpreadsheetText;
import vn.tinnhiem.shared.report.XlsxReport;

/**
 * Lays out one conference's printouts (PDF, A4) and spreadsheets (XLSX). Each printout opens like an
 * official document of the organising body: the body and the nation's motto, the title, the conference
 * with its time and place; each page carries the conference's title, when it was made (hall time) and
 * "Trang i/n".
 */
public final class ElectionDocuments {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("HH:mm, dd/MM/yyyy");

    private final Election election;
    private final Locale locale;
    private final Clock clock;

    public ElectionDocuments(Election election, Locale locale, Clock clock) {
        this.election = election;
        this.locale = locale;
        this.clock = clock;
    }

    // The voter roll.

    public void rollPdf(List<Voter> voters, List<Teller> tellers, OutputStream out) {
        try (var pdf = PdfReport.portrait(locale)) {
            opening(pdf, translate("export.roll.title"));
            pdf.table(List.of(Column.text(translate("common.ordinal"), 0.6f).centered(),
                    Column.text(translate("voter.fullName"), 2.2f).styled(CellStyle.FIRST_LINE_BOLD),
                    Column.text(translate("voter.jobTitle"), 1.6f),
                    Column.text(translate("voter.organisation"), 2.6f),
                    Column.text(translate("export.roll.sign"), 1.5f)), 28);
            for (Voter v : voters) {
                pdf.row(List.of(Integer.toString(v.ordinal()), v.fullName(), v.jobTitle(), v.organisation(), ""));
            }
            pdf.endTable().paragraph(translate("export.roll.total", voters.size()));
            String head = tellers.stream().filter(Teller::head).map(Teller::fullName).findFirst().orElse("");
            pdf.signatures(List.of(new PdfReport.Signature(translate("export.roll.preparedBy"), ""),
                    new PdfReport.Signature(translate("export.roll.headTeller"), head)));
            pdf.writeTo(out);
        }
    }

    public void rollXlsx(List<Voter> voters, OutputStream out) {
        try (var xlsx = new XlsxReport(translate("export.roll.title") + " · " + election.title())) {
            var sheet = xlsx.sheet(translate("export.roll.sheet"), List.of(translate("export.template.ordinal"),
                    translate("export.template.name"), translate("export.template.title"),
                    translate("export.template.organisation")), List.of(6, 30, 30, 45));
            for (Voter v : voters) {
                sheet.row(v.ordinal(), v.fullName(), v.jobTitle(), v.organisation());
            }
            xlsx.writeTo(out);
        }
    }

    // The candidates.

    public void candidatesPdf(List<Candidate> candidates, OutputStream out) {
        try (var pdf = PdfReport.portrait(locale)) {
            opening(pdf, translate("export.candidates.title"));
            pdf.table(List.of(Column.text(translate("common.ordinal"), 0.6f).centered(),
                    Column.text(translate("candidate.fullName"), 2.4f).styled(CellStyle.FIRST_LINE_BOLD),
                    Column.text(translate("candidate.jobTitle"), 5f)), 22);
            for (Candidate c : candidates) {
                pdf.row(List.of(Integer.toString(c.ordinal()), c.fullName(), c.jobTitle()));
            }
            pdf.endTable().paragraph(translate("export.candidates.total", candidates.size()));
            pdf.writeTo(out);
        }
    }

    public void candidatesXlsx(List<Candidate> candidates, OutputStream out) {
        try (var xlsx = new XlsxReport(translate("export.candidates.title") + " · " + election.title())) {
            var sheet = xlsx.sheet(translate("export.candidates.sheet"), List.of(translate("common.ordinal"),
                    translate("candidate.fullName"), translate("candidate.jobTitle")), List.of(6, 30, 70));
            for (Candidate c : candidates) {
                sheet.row(c.ordinal(), c.fullName(), c.jobTitle());
            }
            xlsx.writeTo(out);
        }
    }

    // The ballot, as the voter will see it: every candidate in order with one box per level.

    public void ballotPreviewPdf(List<Candidate> candidates, OutputStream out) {
        ElectionDetails d = election.details();
        List<String> levels = d.ballotKind().levels();
        try (var pdf = PdfReport.portrait(locale)) {
            pdf.letterhead(d.body()).title(translate("export.ballot.title")).centred(election.title())
                    .notice(translate("export.ballot.preview")).space(4).paragraph(translate("export.ballot.howTo"));
            pdf.runningHeader(election.title() + " · " + translate("export.ballot.preview"))
                    .footer(made()).watermark(translate("export.ballot.watermark"));
            List<Column> columns = new ArrayList<>();
            columns.add(Column.text(translate("common.ordinal"), 0.6f).centered());
            columns.add(Column.text(translate("export.ballot.nameAndTitle"), 3.6f).styled(CellStyle.FIRST_LINE_BOLD));
            for (String level : levels) {
                columns.add(Column.text(translate("level." + level), 1.6f).styled(CellStyle.CHECKBOX));
            }
            pdf.table(columns, 30);
            for (Candidate c : candidates) {
                List<String> cells = new ArrayList<>(List.of(Integer.toString(c.ordinal()),
                        c.fullName() + "\n" + c.jobTitle()));
                levels.forEach(l -> cells.add(""));
                pdf.row(cells);
            }
            pdf.endTable().writeTo(out);
        }
    }

    // The checklist.

    public void checklistPdf(List<ChecklistItem> items, OutputStream out) {
        try (var pdf = PdfReport.portrait(locale)) {
            opening(pdf, translate("export.checklist.title"));
            pdf.table(List.of(Column.text(translate("common.ordinal"), 0.6f).centered(),
                    Column.text(translate("checklist.step"), 5f),
                    Column.text(translate("checklist.due"), 1.3f).centered(),
                    Column.text(translate("checklist.done"), 2f)), 22);
            int n = 1;
            for (ChecklistItem item : items) {
                pdf.row(List.of(Integer.toString(n++), translate("checklist." + item.step().name()),
                        item.dueDate().format(DAY), doneText(item)));
            }
            pdf.endTable().writeTo(out);
        }
    }

    public void checklistXlsx(List<ChecklistItem> items, OutputStream out) {
        try (var xlsx = new XlsxReport(translate("export.checklist.title") + " · " + election.title())) {
            var sheet = xlsx.sheet(translate("export.checklist.sheet"), List.of(translate("common.ordinal"),
                    translate("checklist.step"), translate("checklist.due"), translate("checklist.done")),
                    List.of(6, 80, 12, 30));
            int n = 1;
            for (ChecklistItem item : items) {
                sheet.row(n++, translate("checklist." + item.step().name()), item.dueDate().format(DAY),
                        doneText(item));
            }
            xlsx.writeTo(out);
        }
    }

    private String doneText(ChecklistItem item) {
        return item.doneAt().map(at -> translate("export.checklist.doneOn",
                LocalDateTime.ofInstant(at, clock.getZone()).format(DAY_TIME), item.doneBy().orElse("")))
                .orElse(translate("export.checklist.notDone"));
    }

    // The import template: the headers RollImporter reads, and one example row.

    public static void templateXlsx(Locale locale, OutputStream out) {
        try (var xlsx = new XlsxReport(Translations.translate("export.template", locale))) {
            xlsx.sheet(Translations.translate("export.template.sheet", locale), templateHeaders(locale),
                    List.of(6, 30, 30, 45)).row(1, Translations.translate("export.template.exampleName", locale),
                    Translations.translate("export.template.exampleTitle", locale),
                    Translations.translate("export.template.exampleOrganisation", locale));
            xlsx.writeTo(out);
        }
    }

    /** UTF-8 with a byte order mark, so Excel opens the Vietnamese letters right. */
    public static void templateCsv(Locale locale, OutputStream out) {
        String text = "\uFEFF" + SpreadsheetText.csvLine(templateHeaders(locale)) + SpreadsheetText.csvLine(List.of("1",
                Translations.translate("export.template.exampleName", locale),
                Translations.translate("export.template.exampleTitle", locale),
                Translations.translate("export.template.exampleOrganisation", locale)));
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> templateHeaders(Locale locale) {
        return List.of(Translations.translate("export.template.ordinal", locale),
                Translations.translate("export.template.name", locale),
                Translations.translate("export.template.title", locale),
                Translations.translate("export.template.organisation", locale));
    }

    // Shared parts.

    private void opening(PdfReport pdf, String documentTitle) {
        ElectionDetails d = election.details();
        String when = d.startsAt().format(DAY_TIME);
        pdf.letterhead(d.body()).title(documentTitle).centred(election.title())
                .centred(d.place().isBlank() ? translate("export.whenOnly", when) : translate("export.when", when,
                        d.place()))
                .runningHeader(election.title() + " · " + documentTitle).footer(made());
    }

    private String made() {
        return translate("export.made", LocalDateTime.now(clock).format(DAY_TIME));
    }

    private String translate(String key, Object... args) {
        return Translations.translate(key, locale, args);
    }
}
