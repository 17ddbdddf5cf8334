package vn.tinnhiem.count;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import vn.tinnhiem.shared.i18n.Translations;
import vn.tinnhiem.shared.report.XlsxReport;

/**
 * The result table as a spreadsheet, headed as the minutes are (the body, the title, the rule set, the
 * conference, when and where, the quorum line and the ballot figures): one row per candidate, counts as
 * numbers and percentages as numbers shown with two decimals (the minutes' own figures, not recomputed), what
 * the rule set says of each, then the totals.
 */
public final class ResultsXlsx {

    private ResultsXlsx() {
    }

    public static void write(CountSummary summary, Locale locale, OutputStream out) {
        ResultTable table = summary.results();
        CountSummary.Conference c = summary.conference();
        CountSummary.Closing closing = summary.closing();
        String when = CountDocument.time(c.startsAt());
        List<String> heading = new ArrayList<>();
        heading.add(c.body());
        heading.add(translate("count.doc.report.title", locale));
        heading.add(translate("count.doc.under", locale, translate("ballotKind." + table.kind().name(), locale),
                translate("ruleSet." + table.ruleSet().name(), locale)));
        heading.add(c.title());
        heading.add(c.place().isBlank() ? translate("export.whenOnly", locale, when)
                : translate("export.when", locale, when, c.place()));
        heading.add(translate(closing.quorumMet() ? "count.doc.quorumMet" : "count.doc.quorumNotMet", locale,
                closing.present(), closing.summoned()));
        heading.add(translate("count.doc.cards", locale, closing.cardsActivated(), table.returned(),
                closing.cardsUnspent(), closing.cardsVoided()));
        heading.add(translate("count.doc.percentOf", locale, translate(table.rule().denominatorKey(), locale),
                table.denominator()));

        List<String> headers = new ArrayList<>(List.of(translate("export.template.ordinal", locale),
                translate("export.template.name", locale), translate("export.template.title", locale)));
        List<Integer> widths = new ArrayList<>(List.of(6, 28, 36));
        for (String level : table.kind().levels()) {
            String name = translate("level." + level, locale);
            headers.add(name);
            headers.add(translate("count.xlsx.percent", locale, name));
            widths.add(12);
            widths.add(12);
        }
        headers.addAll(List.of(translate("count.doc.col.valid", locale), translate("count.doc.col.invalid", locale),
                translate("count.xlsx.band", locale)));
        widths.addAll(List.of(12, 12, 60));
        try (var xlsx = new XlsxReport(c.title() + " · " + translate("count.doc.report.title", locale))) {
            var sheet = xlsx.sheet(translate("count.xlsx.sheet", locale), heading, headers, widths);
            for (ResultTable.Row r : table.rows()) {
                List<Object> cells = new ArrayList<>(List.of(r.order(), r.name(), r.position()));
                for (int l = 0; l < r.levels().size(); l++) {
                    cells.add(r.levels().get(l));
                    cells.add(percentage(r.percentages().get(l)));
                }
                cells.add(r.valid());
                cells.add(r.invalid());
                cells.add(translate(table.wordingKey(r), locale));
                sheet.row(cells);
            }
            sheet.blank();
            sheet.row(null, translate("count.xlsx.members", locale), null, table.members());
            sheet.row(null, translate("count.xlsx.issued", locale), null, table.issued());
            sheet.row(null, translate("count.xlsx.returned", locale), null, table.returned());
            sheet.row(null, translate("count.xlsx.denominator", locale), null, table.denominator());
            xlsx.writeTo(out);
        }
    }

    /** The documents' "93,14" as the number 93.14: the same figure, which a spreadsheet can add up. */
    static BigDecimal percentage(String printed) {
        return new BigDecimal(printed.replace(',', '.'));
    }

    private static String translate(String key, Locale locale, Object... args) {
        return Translations.translate(key, locale, args);
    }
}
