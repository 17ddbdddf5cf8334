package vn.tinnhiem.count;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.tinnhiem.crypto.Point;

/**
 * Strict reading of the count's JSON files (one top-level object, no duplicate keys, nothing after it,
 * at most {@link #MAX_BYTES}); a reader throws {@link Problem}, turned into a {@link FileResult} at its edge.
 */
final class CountFiles {

    /**
     * The totals of a conference of 300 candidates are about 70 KB, its partial decryption about 200 KB;
     * anything this large is refused before it is parsed.
     */
    static final int MAX_BYTES = 32 * 1024 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern HEX = Pattern.compile("[0-9a-f]*");

    private CountFiles() {
    }

    /** Why a file is refused: an i18n key and its arguments. */
    static final class Problem extends Exception {

        private final String reasonKey;
        private final List<Object> args;

        Problem(String reasonKey, Object... args) {
            super(reasonKey, null, false, false);
            this.reasonKey = reasonKey;
            this.args = List.of(args);
        }

        <T> FileResult.Refused<T> refusal() {
            return new FileResult.Refused<>(reasonKey, args);
        }
    }

    /** The top-level object of a file with this format, or the reason it is not one. */
    static JsonNode object(byte[] json, String format, String notThisFormatKey) throws Problem {
        if (json.length > MAX_BYTES) {
            throw new Problem("count.file.tooLarge", json.length / 1024, MAX_BYTES / (1024 * 1024));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new Problem("count.file.notJson");
        }
        if (root == null || !root.isObject()) {
            throw new Problem("count.file.notJson");
        }
        JsonNode f = root.get("format");
        if (f == null || !f.isString() || !format.equals(f.stringValue())) {
            throw new Problem(notThisFormatKey);
        }
        return root;
    }

    /** Refuses an object with other keys than these (nothing unhashed rides along unnoticed). */
    static void onlyKeys(JsonNode object, String where, Set<String> keys) throws Problem {
        for (String name : object.propertyNames()) {
            if (!keys.contains(name)) {
                throw new Problem("count.file.badField", where.isEmpty() ? name : where + "." + name);
            }
        }
    }

    static JsonNode field(JsonNode object, String name) throws Problem {
        JsonNode v = object.isObject() ? object.get(name) : null;
        if (v == null || v.isNull()) {
            throw new Problem("count.file.badField", name);
        }
        return v;
    }

    static JsonNode object(JsonNode object, String name) throws Problem {
        JsonNode v = field(object, name);
        if (!v.isObject()) {
            throw new Problem("count.file.badField", name);
        }
        return v;
    }

    static String text(JsonNode object, String name) throws Problem {
        JsonNode v = field(object, name);
        if (!v.isString()) {
            throw new Problem("count.file.badField", name);
        }
        return v.stringValue();
    }

    static int integer(JsonNode object, String name) throws Problem {
        JsonNode v = field(object, name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new Problem("count.file.badField", name);
        }
        return v.intValue();
    }

    static List<JsonNode> array(JsonNode object, String name) throws Problem {
        JsonNode v = field(object, name);
        if (!v.isArray()) {
            throw new Problem("count.file.badField", name);
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(v.get(i));
        }
        return out;
    }

    /** Lower-case hex of exactly {@code bytes} bytes (docs/protocol.md 2), or empty. */
    static Optional<byte[]> hex(String text, int bytes) {
        if (text.length() != 2 * bytes || !HEX.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().parseHex(text));
    }

    /** A 32-byte hash as 64 lower-case hex characters; {@code name} names the field in the refusal. */
    static byte[] hash(JsonNode object, String name) throws Problem {
        Optional<byte[]> h = hex(text(object, name), 32);
        if (h.isEmpty()) {
            throw new Problem("count.file.badField", name);
        }
        return h.get();
    }

    /** A compressed point (33 bytes, 66 hex characters), or empty when it is not one. */
    static Optional<Point> point(String text) {
        Optional<byte[]> b = hex(text, Point.COMPRESSED_SIZE);
        if (b.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Point.decode(b.get()));
        } catch (IllegalArgumentException | ArithmeticException e) { // InvalidEncodingException among them
            return Optional.empty();
        }
    }

    /** Entry numbers for a message: at most ten, then "…". */
    static String entries(List<Integer> entries) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < entries.size() && i < 10; i++) {
            sb.append(i > 0 ? ", " : "").append(entries.get(i));
        }
        return entries.size() > 10 ? sb.append(", …").toString() : sb.toString();
    }

    /** A JSON string literal as every exported file writes it (the crypto core's one rule). */
    static String str(String s) {
        return vn.tinnhiem.crypto.Json.str(s);
    }
}
