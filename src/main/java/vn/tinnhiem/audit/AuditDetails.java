package vn.tinnhiem.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an entry's details, stored machine-readable as {@code key=value key=value} (the hash covers
 * them as written). A value runs to the next " word=", so a name or title with spaces reads whole.
 */
public final class AuditDetails {

    private static final Pattern KEY = Pattern.compile("(?:^| )([a-z][A-Za-z0-9]*)=");

    private AuditDetails() {
    }

    public static Map<String, String> parse(String details) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = KEY.matcher(details);
        String key = null;
        int valueStart = 0;
        while (m.find()) {
            if (key != null) {
                values.putIfAbsent(key, details.substring(valueStart, m.start()));
            }
            key = m.group(1);
            valueStart = m.end();
        }
        if (key != null) {
            values.putIfAbsent(key, details.substring(valueStart));
        }
        return values;
    }
}
