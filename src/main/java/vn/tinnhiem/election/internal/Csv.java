package vn.tinnhiem.election.internal;

import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader: quoted fields, doubled quotes, line breaks inside quotes; ',' or ';'. */
final class Csv {

    private Csv() {
    }

    /**
     * Reads at most {@code maxRows} non-blank rows of at most {@code maxColumns} + 1 fields (the extra
     * one shows the row was wider); a longer file ends with a null row.
     */
    static List<List<String>> parse(String text, int maxRows, int maxColumns) {
        char separator = guessSeparator(text);
        List<List<String>> rows = new ArrayList<>();
        int filled = 0;
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.isEmpty()) {
                quoted = true;
            } else if (ch == separator) {
                if (row.size() <= maxColumns) {
                    row.add(field.toString());
                }
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                boolean blank = row.size() == 1 && row.getFirst().isBlank();
                // Blank lines keep their place, so row numbers match the file, but share one empty list.
                rows.add(blank ? List.of() : row);
                filled += blank ? 0 : 1;
                if (filled > maxRows || rows.size() > 40 * maxRows) {
                    rows.add(null);
                    return rows;
                }
                row = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /** Excel in Vietnamese locales writes ';' (the comma is the decimal mark). */
    private static char guessSeparator(String text) {
        int end = text.indexOf('\n');
        String firstLine = end < 0 ? text : text.substring(0, end);
        long semicolons = firstLine.chars().filter(c -> c == ';').count();
        long commas = firstLine.chars().filter(c -> c == ',').count();
        return semicolons > commas ? ';' : ',';
    }
}
