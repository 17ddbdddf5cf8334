package vn.tinnhiem.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An entry's details as typed fields: named values in the order they were given, each key once.
 * Callers build them ({@code AuditFields.of("file", name).with("rows", 30)}) and never write the stored
 * text themselves, so no value can pose as another field.
 *
 * <p>Stored as {@code ~1 key=value key=value}: the marker {@code ~1} names this encoding (no entry written
 * before it starts with '~', so old entries are told apart by their own bytes, which the chain hash
 * covers: flipping the format would break the chain). In a value, '%', '=', every space or separator and
 * every control or formatting character is written as %XX (the UTF-8 bytes, upper-case hex); everything
 * else, Vietnamese letters included, stays as typed, so the stored text still reads and searches.
 * Keys are {@code [a-z][A-Za-z0-9]*}. A key written without '=' is a field whose value is hidden from
 * the reader ({@link #hiding}); the log itself never stores one.
 *
 * <p>Entries written before this encoding are read by {@link #decode} as they were always read: the
 * first of a repeated key wins, a value runs to the next " word=".
 */
public final class AuditFields {

    /** Starts every entry written in this encoding. */
    public static final String MARKER = "~1";

    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern LEGACY_KEY = Pattern.compile("(?:^| )([a-z][A-Za-z0-9]*)=");
    private static final AuditFields NONE = new AuditFields(new LinkedHashMap<>());
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Key to value, in order; a hidden field's value is null. */
    private final LinkedHashMap<String, @Nullable String> values;

    private AuditFields(LinkedHashMap<String, @Nullable String> values) {
        this.values = values;
    }

    public static AuditFields none() {
        return NONE;
    }

    public static AuditFields of(String key, Object value) {
        return NONE.with(key, value);
    }

    /**
     * These fields and one more. A yes/no is written "yes" or "no", an enum by its name, anything else
     * as {@link String#valueOf}. A key already present, a key that is not {@code [a-z][A-Za-z0-9]*} or a
     * null value is a programming error, refused at once rather than stored.
     */
    public AuditFields with(String key, Object value) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("An audit field's key is [a-z][A-Za-z0-9]*, not '" + key + "'");
        }
        if (values.containsKey(key)) {
            throw new IllegalArgumentException("The audit field '" + key + "' is given twice");
        }
        Objects.requireNonNull(value, () -> "The audit field '" + key + "' has no value");
        var more = new LinkedHashMap<>(values);
        more.put(key, text(value));
        return new AuditFields(more);
    }

    private static String text(Object value) {
        return switch (value) {
            case Boolean b -> b ? "yes" : "no";
            case Enum<?> e -> e.name();
            default -> String.valueOf(value);
        };
    }

    /** The value, or empty when the field is absent or hidden. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Whether the field is there, hidden or not. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    public boolean isHidden(String key) {
        return values.containsKey(key) && values.get(key) == null;
    }

    /** The keys in the order they were given. */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** The fields that are not hidden, in order. */
    public Map<String, String> visible() {
        var shown = new LinkedHashMap<String, String>();
        values.forEach((k, v) -> {
            if (v != null) {
                shown.put(k, v);
            }
        });
        return Collections.unmodifiableMap(shown);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The same fields with the values of these keys hidden (for a reader who may not see them). */
    public AuditFields hiding(Collection<String> keys) {
        var copy = new LinkedHashMap<>(values);
        for (String k : keys) {
            if (copy.containsKey(k)) {
                copy.put(k, null);
            }
        }
        return new AuditFields(copy);
    }

    // The stored text.

    /** The stored text: the marker, then each field as key=escaped value, separated by one space. */
    public String encode() {
        StringBuilder out = new StringBuilder(MARKER);
        values.forEach((k, v) -> {
            out.append(' ').append(k);
            if (v != null) {
                out.append('=');
                escape(v, out);
            }
        });
        return out.toString();
    }

    /** A value as it is stored: what a search of the stored text must look for. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        escape(value, out);
        return out.toString();
    }

    private static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length();) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (plain(cp)) {
                out.appendCodePoint(cp);
            } else {
                // A lone surrogate has no UTF-8 form: it is stored as U+FFFD, the one value that does not read back.
                String one = Character.getType(cp) == Character.SURROGATE ? "\uFFFD" : Character.toString(cp);
                for (byte b : one.getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
        }
    }

    /** Whether a character is stored as it is: not a separator, not invisible, not a control. */
    private static boolean plain(int cp) {
        if (cp == '%' || cp == '=' || Character.isISOControl(cp) || Character.isWhitespace(cp)) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    /** Whether stored details are in this encoding (rather than the text written before it). */
    public static boolean isEncoded(String details) {
        return details.equals(MARKER) || details.startsWith(MARKER + " ");
    }

    /**
     * The fields of stored details, in either encoding. Never throws: a stored text that is not well formed
     * reads as best it can (the integrity check, not the reader, says whether an entry was altered).
     *
     * @param action the entry's action: some entries written before typed fields had a shape of their own
     */
    public static AuditFields decode(String action, String details) {
        return isEncoded(details) ? decodeEncoded(details) : decodeLegacy(action, details);
    }

    private static AuditFields decodeEncoded(String details) {
        var values = new LinkedHashMap<String, @Nullable String>();
        for (String token : details.substring(MARKER.length()).split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            if (KEY.matcher(key).matches()) {
                values.putIfAbsent(key, eq < 0 ? null : unescape(token.substring(eq + 1)));
            }
        }
        return new AuditFields(values);
    }

    static String unescape(String stored) {
        StringBuilder out = new StringBuilder(stored.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            int high = i + 2 < stored.length() ? Character.digit(stored.charAt(i + 1), 16) : -1;
            int low = i + 2 < stored.length() ? Character.digit(stored.charAt(i + 2), 16) : -1;
            if (c == '%' && high >= 0 && low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
                continue;
            }
            flush(bytes, out);
            out.append(c);
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
        }
    }

    /**
     * The details as written before typed fields, read exactly as the screens read them then: a value runs
     * to the next " word=", the first of a repeated key wins, a trailing list comma is not part of a value.
     * The few shapes of their own become fields too: "FROM->TO" of a status change, a bare word
     * ("disabled", "self") as {@code why}, "ADMIN first start" of the first account, "rows=12 renumbered".
     */
    private static AuditFields decodeLegacy(String action, String details) {
        var values = new LinkedHashMap<String, @Nullable String>();
        String text = details.strip();
        if (text.isEmpty()) {
            return NONE;
        }
        if (action.equals("election.status") && text.contains("->")) {
            String[] fromTo = text.split("->", 2);
            values.put("from", fromTo[0].strip());
            values.put("to", fromTo[1].strip());
            return new AuditFields(values);
        }
        var m = LEGACY_KEY.matcher(text);
        String key = null;
        int valueStart = 0;
        while (m.find()) {
            if (key != null) {
                values.putIfAbsent(key, legacyValue(text.substring(valueStart, m.start())));
            }
            key = m.group(1);
            valueStart = m.end();
        }
        if (key == null) {
            values.put("why", text);
            return new AuditFields(values);
        }
        values.putIfAbsent(key, legacyValue(text.substring(valueStart)));
        String role = values.get("role");
        if (action.equals("account.create") && role != null && role.contains(" first")) {
            values.put("role", role.substring(0, role.indexOf(" first")).strip());
            values.put("first", "yes");
        }
        String rows = values.get("rows");
        if (rows != null && rows.endsWith(" renumbered")) {
            values.put("rows", rows.substring(0, rows.length() - " renumbered".length()).strip());
            values.put("renumbered", "yes");
        }
        return new AuditFields(values);
    }

    private static String legacyValue(String raw) {
        String value = raw.strip();
        return value.endsWith(",") ? value.substring(0, value.length() - 1).strip() : value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditFields f && f.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return encode();
    }
}
