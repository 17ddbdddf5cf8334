package vn.tinnhiem.verify;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import vn.tinnhiem.verify.RecordVerifier.Check;

/**
 * Check 1, {@code readable} (10.2): canonical JSON exactly as section 9 defines it, {@code format} exactly
 * {@value RecordVerifier#FORMAT}, and every object with exactly its members in their order. If it fails, nothing
 * else runs: nothing can be read from a file that is not a record.
 */
final class ReadableStage {
    static final String NAME = "verify.check.readable";

    private ReadableStage() {}

    /** The check, and the record's root for the stages after it (empty unless the check holds). */
    record Result(Check check, Map<String, Object> root) {}

    static Result check(ByteBuffer bytes) {
        try {
            Map<String, Object> root = read(bytes);
            return new Result(Stages.holds(NAME, "verify.ok.readable", bytes.limit(), RecordVerifier.FORMAT), root);
        } catch (Bad | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Result(Stages.failed(NAME, e), Map.of());
        }
    }

    private static Map<String, Object> read(ByteBuffer bytes) throws Bad {
        Object parsed;
        try {
            int[] index = {0};
            parsed = JsonReader.parse(bytes, "ballots", v -> Ballots.Read.of(v, "ballots[" + index[0]++ + "]"));
        } catch (JsonReader.NotJson e) {
            throw new Bad(e.offset >= bytes.limit() ? "verify.why.truncated" : "verify.why.notJson",
                    String.valueOf(e.offset), String.valueOf(bytes.limit()));
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new Bad("verify.why.format", "");
        }
        Map<String, Object> root = Fields.object(parsed, "");
        Object format = root.get("format");
        if (!RecordVerifier.FORMAT.equals(format)) {
            throw new Bad("verify.why.format", format instanceof String s ? s : "");
        }
        for (String f : List.of("manifest", "conference", "closing", "box", "tally", "results")) {
            Fields.object(root, f, "");
        }
        for (String f : List.of("ballots", "copies", "setAside", "partials")) {
            Fields.array(root, f, "");
        }
        // One spelling per record (10.2, "Layout"): members exactly, in order, before any figure is read.
        Layout.check(root);
        for (Object b : Fields.array(root, "ballots", "")) {
            if (b instanceof Ballots.Read read && read.error() != null && read.error().key.equals("verify.why.members")) {
                throw read.error();
            }
        }
        return root;
    }
}
