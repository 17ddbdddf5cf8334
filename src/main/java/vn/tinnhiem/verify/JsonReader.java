package vn.tinnhiem.verify;

import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A strict RFC 8259 reader over UTF-8 bytes: objects become {@link LinkedHashMap}s (a repeated key is an
 * error), arrays {@link List}s, numbers {@link BigInteger}s (integers only: the record has no others),
 * strings, booleans and null. Anything else, trailing bytes included, fails with the byte offset.
 */
final class JsonReader {

    /** Why the bytes are not JSON, and where. */
    static final class NotJson extends Exception {
        final int offset;

        NotJson(int offset) {
            super("not JSON at byte " + offset);
            this.offset = offset;
        }
    }

    /** JSON null (a map cannot hold Java's null). */
    static final Object NULL = new Object();

    private static final int MAX_DEPTH = 64;
    private final byte[] in;
    private final String hookedKey;
    private final UnaryOperator<Object> hook;
    private int pos;

    private JsonReader(byte[] in, String hookedKey, UnaryOperator<Object> hook) {
        this.in = in;
        this.hookedKey = hookedKey;
        this.hook = hook;
    }

    static Object parse(byte[] bytes) throws NotJson {
        return parse(bytes, "", UnaryOperator.identity());
    }

    /**
     * As {@link #parse(byte[])}, but each element of the top-level object's array {@code key} is replaced by
     * {@code hook}'s result as soon as it is read: the ballots, most of a record, are kept in their binary form
     * (half the hex) and their parsed text dropped at once.
     */
    static Object parse(byte[] bytes, String key, UnaryOperator<Object> hook) throws NotJson {
        JsonReader r = new JsonReader(bytes, key, hook);
        r.space();
        Object v = r.value(0);
        r.space();
        if (r.pos != bytes.length) {
            throw new NotJson(r.pos);
        }
        return v;
    }

    private Object value(int depth) throws NotJson {
        if (depth > MAX_DEPTH || pos >= in.length) {
            throw new NotJson(pos);
        }
        return switch (in[pos]) {
            case '{' -> object(depth);
            case '[' -> array(depth, false);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) throws NotJson {
        Map<String, Object> out = new LinkedHashMap<>();
        pos++;
        space();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw new NotJson(pos);
            }
            int at = pos;
            String key = string();
            space();
            expect(':');
            space();
            Object v = depth == 0 && key.equals(hookedKey) && peek() == '[' ? array(depth + 1, true) : value(depth + 1);
            if (out.put(key, v) != null) {
                throw new NotJson(at);
            }
            space();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return out;
            }
        }
    }

    private List<Object> array(int depth, boolean hooked) throws NotJson {
        List<Object> out = new ArrayList<>();
        pos++;
        space();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            space();
            Object v = value(depth + 1);
            out.add(hooked ? hook.apply(v) : v);
            space();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return out;
            }
        }
    }

    private String string() throws NotJson {
        int start = ++pos;
        boolean plain = true;
        while (true) {
            int b = peek() & 0xff;
            if (b == '"') {
                break;
            }
            if (b < 0x20) {
                throw new NotJson(pos);
            }
            if (b == '\\' || b >= 0x80) {
                plain = false;
            }
            pos += b == '\\' ? 2 : 1;
        }
        int end = pos++;
        if (plain) {
            // The hex strings, by far the most of a record: ASCII, no escapes.
            return new String(in, start, end - start, StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            int j = i;
            while (j < end && in[j] != '\\') {
                j++;
            }
            sb.append(utf8(i, j));
            if (j == end) {
                break;
            }
            char e = (char) in[j + 1];
            i = j + 2;
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (i + 4 > end) {
                        throw new NotJson(j);
                    }
                    int cp = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(in[i + k], 16);
                        if (d < 0) {
                            throw new NotJson(i + k);
                        }
                        cp = cp * 16 + d;
                    }
                    sb.append((char) cp);
                    i += 4;
                }
                default -> throw new NotJson(j);
            }
        }
        return sb.toString();
    }

    private String utf8(int from, int to) throws NotJson {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new NotJson(from);
        }
    }

    private BigInteger number() throws NotJson {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        // Integers only, without leading zeros; fractions and exponents do not occur in a record.
        if (pos == digits || (in[digits] == '0' && pos - digits > 1) || pos - start > 30) {
            throw new NotJson(start);
        }
        if (pos < in.length && (in[pos] == '.' || in[pos] == 'e' || in[pos] == 'E')) {
            throw new NotJson(pos);
        }
        return new BigInteger(new String(in, start, pos - start, StandardCharsets.US_ASCII));
    }

    private Object literal(String word, Object v) throws NotJson {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= in.length || in[pos + i] != word.charAt(i)) {
                throw new NotJson(pos);
            }
        }
        pos += word.length();
        return v;
    }

    private int peek() throws NotJson {
        if (pos >= in.length) {
            throw new NotJson(pos);
        }
        return in[pos];
    }

    private void expect(char c) throws NotJson {
        if (peek() != c) {
            throw new NotJson(pos);
        }
        pos++;
    }

    private void space() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
            pos++;
        }
    }
}
