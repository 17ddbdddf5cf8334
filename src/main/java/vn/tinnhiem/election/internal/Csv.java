package vn.tinnhiem.election.internal;

import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader: quoted fields, doubled quotes, line breaks inside quotes; ',' or ';'. */
final class Csv {

    private Csv() {
    }

    /**
     * Reads at most {@code maxRows} non-blank rows of at most {@code maxColumns} + 1 fields (the extra
     * one shows the row was wider); a longer file ends with a null row. A row of empty fields (";;;", as
     * Excel writes a formatted empty row) is blank; blank rows at the end cost nothing, and a data row
     * after more than 40 * maxRows of them ends the file with a null row too.
     */
    static List<List<String>> parse(String text, int maxRows, int maxColumns) {
        char separator = guessSeparator(text);
        List<List<String>> rows = new ArrayList<>();
        int filled = 0;
        int pendingBlank = 0;
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
                if (row.stream().allMatch(String::isBlank)) {
                    pendingBlank++;
                } else if (!keep(rows, row, pendingBlank, ++filled, maxRows)) {
                    return rows;
                } else {
                    pendingBlank = 0;
                }
                row = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            if (!row.stream().allMatch(String::isBlank)) {
                keep(rows, row, pendingBlank, ++filled, maxRows);
            }
        }
        return rows;
    }

    /**
     * Adds a row with text after the blank rows before it (which keep their place, so row numbers match
     * the file, but share one empty list). False, after adding the null row, when there are too many.
     */
    private static boolean keep(List<List<String>> rows, List<String> row, int blanksBefore, int filled, int maxRows) {
        if (filled > maxRows || rows.size() + blanksBefore > 40 * maxRows) {
            rows.add(null);
            return false;
        }
        for (int i = 0; i < blanksBefore; i++) {
            rows.add(List.of());
        }
        rows.add(row);
        return true;
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
