package vn.tinnhiem.count;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import vn.tinnhiem.shared.i18n.Translations;
import vn.tinnhiem.shared.report.XlsxReport;

/**
 * The result table as a spreadsheet: one row per candidate, counts as numbers, percentages as the
 * documents print them ("93,14"), and what the rule set says of each.
 */
public final class ResultsXlsx {

    private ResultsXlsx() {
    }

    /** @param title the conference's title, kept in the file's properties */
    public static void write(ResultTable table, String title, Locale locale, OutputStream out) {
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
        try (var xlsx = new XlsxReport(title + " · " + translate("count.doc.report.title", locale))) {
            var sheet = xlsx.sheet(translate("count.xlsx.sheet", locale), headers, widths);
            for (ResultTable.Row r : table.rows()) {
                List<Object> cells = new ArrayList<>(List.of(r.order(), r.name(), r.position()));
                for (int l = 0; l < r.levels().size(); l++) {
                    cells.add(r.levels().get(l));
                    cells.add(r.percentages().get(l));
                }
                cells.add(r.valid());
                cells.add(r.invalid());
                cells.add(translate(table.wordingKey(r), locale));
                sheet.row(cells);
            }
            xlsx.writeTo(out);
        }
    }

    private static String translate(String key, Locale locale, Object... args) {
        return Translations.translate(key, locale, args);
    }
}
