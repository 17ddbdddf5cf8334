package vn.tinnhiem.shared.files;

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
import tools.jackson.databind.node.ArrayNode;

/**
 * Strict reading of a small JSON file: one top-level object, no duplicate keys, nothing after it, at most
 * {@link #maxBytes} bytes; each field of the expected JSON type, or the file is refused. A reader throws
 * {@link FileProblem}, with the keys {@code <reasons>.tooLarge} (the size in KB, the limit in MB),
 * {@code <reasons>.notJson} and {@code <reasons>.badField} (the field's name), and turns it into a
 * {@link FileResult} at its edge.
 *
 * @param reasons the prefix of the refusals' i18n keys, {@code ceremony.file} or {@code count.file}
 * @param maxBytes anything larger is refused before it is parsed
 */
public record StrictJson(String reasons, int maxBytes) {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern HEX = Pattern.compile("[0-9a-f]*");

    /** The refusal of a file of {@code size} bytes, larger than {@link #maxBytes}. */
    public <T> FileResult.Refused<T> tooLarge(long size) {
        return new FileResult.Refused<>(reasons + ".tooLarge", size / 1024, maxBytes / (1024 * 1024));
    }

    /** A reader of one file: it throws its refusal, {@link #read} turns that into a result. */
    @FunctionalInterface
    public interface Reader<T> {
        T read() throws FileProblem;
    }

    /**
     * The reader's value, or its refusal; never throws. Any other failure of the reader is a refusal too
     * ({@code <reasons>.notJson}): no reader path is known to get there (the fuzz tests say so).
     */
    public <T> FileResult<T> read(Reader<T> reader) {
        try {
            return new FileResult.Ok<>(reader.read());
        } catch (FileProblem p) {
            return p.refusal();
        } catch (RuntimeException e) {
            return new FileResult.Refused<>(reasons + ".notJson");
        }
    }

    /** The top-level object of a file, or the reason it is not one. */
    public JsonNode object(byte[] json) throws FileProblem {
        JsonNode root = tree(json);
        if (!root.isObject()) {
            throw new FileProblem(reasons + ".notJson");
        }
        return root;
    }

    /** The top-level object of a file with this "format", or the reason it is not one. */
    public JsonNode object(byte[] json, String format, String notThisFormatKey) throws FileProblem {
        JsonNode root = object(json);
        format(root, format, notThisFormatKey);
        return root;
    }

    /** The elements of a top-level array (a list the app stored itself), or the reason it is not one. */
    public List<JsonNode> array(byte[] json) throws FileProblem {
        JsonNode root = tree(json);
        if (!root.isArray()) {
            throw new FileProblem(reasons + ".notJson");
        }
        return elements(root);
    }

    private JsonNode tree(byte[] json) throws FileProblem {
        if (json.length > maxBytes) {
            FileResult.Refused<?> refused = tooLarge(json.length);
            throw new FileProblem(refused.reasonKey(), refused.args().toArray());
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new FileProblem(reasons + ".notJson");
        }
        if (root == null) {
            throw new FileProblem(reasons + ".notJson");
        }
        return root;
    }

    /** A new, empty array to fill and {@link #write}. */
    public static ArrayNode newArray() {
        return MAPPER.createArrayNode();
    }

    /** The node as compact JSON text (no whitespace, fields in the order they were put). */
    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Refuses a file whose "format" is not the expected one, with the given reason. */
    public void format(JsonNode root, String expected, String reasonKey) throws FileProblem {
        JsonNode f = root.get("format");
        if (f == null || !f.isString() || !expected.equals(f.stringValue())) {
            throw new FileProblem(reasonKey);
        }
    }

    /** Refuses an object with other keys than these (nothing unhashed rides along unnoticed). */
    public void onlyKeys(JsonNode object, String where, Set<String> keys) throws FileProblem {
        for (String name : object.propertyNames()) {
            if (!keys.contains(name)) {
                throw badField(where.isEmpty() ? name : where + "." + name);
            }
        }
    }

    public JsonNode field(JsonNode object, String name) throws FileProblem {
        JsonNode v = object.isObject() ? object.get(name) : null;
        if (v == null || v.isNull()) {
            throw badField(name);
        }
        return v;
    }

    public JsonNode object(JsonNode object, String name) throws FileProblem {
        JsonNode v = field(object, name);
        if (!v.isObject()) {
            throw badField(name);
        }
        return v;
    }

    public String text(JsonNode object, String name) throws FileProblem {
        JsonNode v = field(object, name);
        if (!v.isString()) {
            throw badField(name);
        }
        return v.stringValue();
    }

    public int integer(JsonNode object, String name) throws FileProblem {
        JsonNode v = field(object, name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw badField(name);
        }
        return v.intValue();
    }

    public boolean bool(JsonNode object, String name) throws FileProblem {
        JsonNode v = field(object, name);
        if (!v.isBoolean()) {
            throw badField(name);
        }
        return v.booleanValue();
    }

    /** The elements of an array field, of any type (the caller checks each). */
    public List<JsonNode> array(JsonNode object, String name) throws FileProblem {
        JsonNode v = field(object, name);
        if (!v.isArray()) {
            throw badField(name);
        }
        return elements(v);
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(array.get(i));
        }
        return out;
    }

    /** A 32-byte hash as 64 lower-case hex characters; {@code name} names the field in the refusal. */
    public byte[] hash(JsonNode object, String name) throws FileProblem {
        Optional<byte[]> h = hex(text(object, name), 32);
        if (h.isEmpty()) {
            throw badField(name);
        }
        return h.get();
    }

    public FileProblem badField(String name) {
        return new FileProblem(reasons + ".badField", name);
    }

    /** Lower-case hex of exactly {@code bytes} bytes (docs/protocol.md 2), or empty. */
    public static Optional<byte[]> hex(String text, int bytes) {
        if (text.length() != 2 * bytes || !HEX.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().parseHex(text));
    }
}
