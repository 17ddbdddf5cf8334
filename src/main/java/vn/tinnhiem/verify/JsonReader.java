package vn.tinnhiem.verify;

import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A reader of canonical JSON (docs/protocol.md 9, "Canonical JSON, read strictly") over UTF-8 bytes: objects
 * become {@link LinkedHashMap}s in document order (a repeated key is an error), arrays {@link List}s, numbers
 * {@link BigInteger}s, strings, booleans and null. Canonical means one spelling per value, so that two
 * records with the same content are the same bytes and the record hash names the content: no whitespace
 * at all (a trailing newline included), integers only, without leading zeros, without {@code -0} and within
 * I-JSON's exact range |x| <= 2^53 - 1, strings in NFC, escaped exactly as the writer escapes ({@code \"},
 * {@code \\}, {@code \n}, {@code \r}, {@code \t}, and backslash-u with four lower-case hex digits for the other
 * controls; any other escape, a lone surrogate among them, is refused). Anything else fails with the byte
 * offset.
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
    /** I-JSON's exact integers (RFC 7493 2.2): beyond them two readers may disagree on a value. */
    static final BigInteger MAX_INTEGER = BigInteger.TWO.pow(53).subtract(BigInteger.ONE);
    /**
     * The bytes, read by absolute index: a heap array, or a file mapped into memory (the {@code /verify} page's
     * upload), so a record is never copied whole onto the heap to be read.
     */
    private final ByteBuffer in;
    private final int length;
    private final String hookedKey;
    private final UnaryOperator<Object> hook;
    private int pos;

    private JsonReader(ByteBuffer in, String hookedKey, UnaryOperator<Object> hook) {
        this.in = in;
        this.length = in.limit();
        this.hookedKey = hookedKey;
        this.hook = hook;
    }

    static Object parse(byte[] bytes) throws NotJson {
        return parse(ByteBuffer.wrap(bytes), "", UnaryOperator.identity());
    }

    static Object parse(byte[] bytes, String key, UnaryOperator<Object> hook) throws NotJson {
        return parse(ByteBuffer.wrap(bytes), key, hook);
    }

    /**
     * As {@link #parse(byte[])}, but each element of the top-level object's array {@code key} is replaced by
     * {@code hook}'s result as soon as it is read: the ballots, most of a record, are kept in their binary form
     * (half the hex) and their parsed text dropped at once.
     */
    static Object parse(ByteBuffer bytes, String key, UnaryOperator<Object> hook) throws NotJson {
        JsonReader r = new JsonReader(bytes, key, hook);
        Object v = r.value(0);
        if (r.pos != r.length) {
            throw new NotJson(r.pos);
        }
        return v;
    }

    private Object value(int depth) throws NotJson {
        if (depth > MAX_DEPTH || pos >= length) {
            throw new NotJson(pos);
        }
        return switch (in.get(pos)) {
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
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            if (peek() != '"') {
                throw new NotJson(pos);
            }
            int at = pos;
            String key = string();
            expect(':');
            Object v = depth == 0 && key.equals(hookedKey) && peek() == '[' ? array(depth + 1, true) : value(depth + 1);
            if (out.put(key, v) != null) {
                throw new NotJson(at);
            }
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
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            Object v = value(depth + 1);
            out.add(hooked ? hook.apply(v) : v);
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
            return text(start, end - start, StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            int j = i;
            while (j < end && in.get(j) != '\\') {
                j++;
            }
            sb.append(utf8(i, j));
            if (j == end) {
                break;
            }
            char e = (char) in.get(j + 1);
            i = j + 2;
            // Only the writer's escapes (crypto.Json.str): every other character is written as itself.
            switch (e) {
                case '"', '\\' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (i + 4 > end) {
                        throw new NotJson(j);
                    }
                    int cp = 0;
                    for (int k = 0; k < 4; k++) {
                        int b = in.get(i + k);
                        int d = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
                        if (d < 0) {
                            throw new NotJson(i + k);
                        }
                        cp = cp * 16 + d;
                    }
                    if (cp >= 0x20 || cp == '\n' || cp == '\r' || cp == '\t') {
                        throw new NotJson(j);
                    }
                    sb.append((char) cp);
                    i += 4;
                }
                default -> throw new NotJson(j);
            }
        }
        String out = sb.toString();
        if (!Normalizer.isNormalized(out, Normalizer.Form.NFC)) {
            throw new NotJson(start);
        }
        return out;
    }

    private String utf8(int from, int to) throws NotJson {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in.slice(from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new NotJson(from);
        }
    }

    private String text(int from, int count, java.nio.charset.Charset charset) {
        byte[] bytes = new byte[count];
        in.get(from, bytes);
        return new String(bytes, charset);
    }

    private BigInteger number() throws NotJson {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < length && in.get(pos) >= '0' && in.get(pos) <= '9') {
            pos++;
        }
        // Integers only, without leading zeros; fractions and exponents do not occur in a record.
        if (pos == digits || (in.get(digits) == '0' && pos - digits > 1) || pos - digits > 16
                || (in.get(digits) == '0' && digits > start)) {
            throw new NotJson(start); // no leading zero, no -0, at most 16 digits
        }
        if (pos < length && (in.get(pos) == '.' || in.get(pos) == 'e' || in.get(pos) == 'E')) {
            throw new NotJson(pos);
        }
        BigInteger v = new BigInteger(text(start, pos - start, StandardCharsets.US_ASCII));
        if (v.abs().compareTo(MAX_INTEGER) > 0) {
            throw new NotJson(start);
        }
        return v;
    }

    private Object literal(String word, Object v) throws NotJson {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= length || in.get(pos + i) != word.charAt(i)) {
                throw new NotJson(pos);
            }
        }
        pos += word.length();
        return v;
    }

    private int peek() throws NotJson {
        if (pos >= length) {
            throw new NotJson(pos);
        }
        return in.get(pos);
    }

    private void expect(char c) throws NotJson {
        if (peek() != c) {
            throw new NotJson(pos);
        }
        pos++;
    }
}
