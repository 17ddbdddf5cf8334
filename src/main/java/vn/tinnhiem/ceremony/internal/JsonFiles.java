package vn.tinnhiem.ceremony.internal;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading and writing the ceremony's small JSON files: strict reading (one top-level object, no
 * duplicate keys, nothing after it, at most {@link #MAX_BYTES}), canonical writing (fixed key order,
 * no whitespace, strings in NFC).
 */
public final class JsonFiles {

    /** No ceremony file comes near this; anything larger is refused before it is parsed. */
    public static final int MAX_BYTES = 1024 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonFiles() {
    }

    /** The top-level object of a file, or the reason it is not one. */
    public static JsonNode object(byte[] json) throws FileProblem {
        if (json.length > MAX_BYTES) {
            throw new FileProblem("ceremony.file.tooLarge", json.length / 1024);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new FileProblem("ceremony.file.notJson");
        }
        if (root == null || !root.isObject()) {
            throw new FileProblem("ceremony.file.notJson");
        }
        return root;
    }

    /** Refuses a file whose "format" is not the expected one, with the given reason. */
    public static void format(JsonNode root, String expected, String reasonKey) throws FileProblem {
        JsonNode f = root.get("format");
        if (f == null || !f.isString() || !expected.equals(f.stringValue())) {
            throw new FileProblem(reasonKey);
        }
    }

    public static JsonNode field(JsonNode object, String name) throws FileProblem {
        JsonNode v = object.isObject() ? object.get(name) : null;
        if (v == null || v.isNull()) {
            throw new FileProblem("ceremony.file.badField", name);
        }
        return v;
    }

    public static String text(JsonNode object, String name) throws FileProblem {
        JsonNode v = field(object, name);
        if (!v.isString()) {
            throw new FileProblem("ceremony.file.badField", name);
        }
        return v.stringValue();
    }

    public static int integer(JsonNode object, String name) throws FileProblem {
        JsonNode v = field(object, name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new FileProblem("ceremony.file.badField", name);
        }
        return v.intValue();
    }

    public static boolean bool(JsonNode object, String name) throws FileProblem {
        JsonNode v = field(object, name);
        if (!v.isBoolean()) {
            throw new FileProblem("ceremony.file.badField", name);
        }
        return v.booleanValue();
    }

    /** The elements of an array field, each of which must be an object (or a string, as asked). */
    public static List<JsonNode> array(JsonNode object, String name) throws FileProblem {
        JsonNode v = field(object, name);
        if (!v.isArray()) {
            throw new FileProblem("ceremony.file.badField", name);
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(v.get(i));
        }
        return out;
    }

    /** A JSON string literal as every exported file writes it (the crypto core's one rule). */
    public static String str(String s) {
        return vn.tinnhiem.crypto.Json.str(s);
    }
}
