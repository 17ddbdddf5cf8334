package vn.tinnhiem.verify;

import java.util.List;

/** A check's failure, as a message key and its arguments; thrown inside a check and turned into its result. */
final class Bad extends Exception {
    final String key;
    final List<String> args;

    Bad(String key, String... args) {
        super(key, null, false, false);
        this.key = key;
        this.args = List.of(args);
    }

    /** A field of the record that is missing or not of its form (its JSON path). */
    static Bad field(String path) {
        return new Bad("verify.why.field", path);
    }
}
