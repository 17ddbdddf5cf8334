package vn.tinnhiem.shared.report;

import java.util.List;

/**
 * Text bound for a spreadsheet or a CSV file. A cell that begins with "=", "+", "-" or "@" (or a tab or
 * carriage return, which some programs skip before such a sign) is run as a formula by Excel and
 * LibreOffice when the file is opened or re-saved; a name typed as "=HYPERLINK(...)" would then act on
 * the organiser's machine. Such a cell gets a leading apostrophe, so it stays text everywhere.
 */
public final class SpreadsheetText {

    /** What is put before a cell that a spreadsheet would otherwise evaluate. */
    public static final String PREFIX = "'";

    private SpreadsheetText() {
    }

    public static String neutralise(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formulaLike = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formulaLike ? PREFIX + value : value;
    }

    /** One CSV line (RFC 4180, comma separated, CRLF ended), every field neutralised and quoted as needed. */
    public static String csvLine(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String f = neutralise(fields.get(i));
            if (f.indexOf(',') >= 0 || f.indexOf(';') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0
                    || f.indexOf('\r') >= 0) {
                line.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                line.append(f);
            }
        }
        return line.append("\r\n").toString();
    }
}
