package vn.tinnhiem.verify;

import java.util.Arrays;
import java.util.List;

import vn.tinnhiem.verify.RecordVerifier.Check;

/**
 * What every stage of the verifier shares: how its outcome is written as a {@link Check}, and the two failures
 * any stage may name (a check it depends on failed; a stated figure differs from the computed one). A stage never
 * throws: its body throws {@link Bad} on the first failure and the stage turns it, or any error of its own, into
 * its failed check with what it had found so far.
 */
final class Stages {
    private Stages() {}

    /** The check holds, and why (a message key and its arguments, each written with {@code String.valueOf}). */
    static Check holds(String name, String detailKey, Object... args) {
        return new Check(name, true, detailKey, Arrays.stream(args).map(String::valueOf).toList());
    }

    /**
     * The check fails: with the reason a {@link Bad} names, or, for anything else the body threw (a bug, a stack
     * or heap too small for the record), the error's kind, so that one check failing never stops the others.
     */
    static Check failed(String name, Throwable e) {
        if (e instanceof Bad b) {
            return new Check(name, false, b.key, b.args);
        }
        return new Check(name, false, "verify.why.internal", List.of(String.valueOf(e.getClass().getSimpleName())));
    }

    /** A check that cannot run because the one named (a message key) failed before it. */
    static Bad dependsOn(String check) {
        return new Bad("verify.why.dependsOn", check);
    }

    /** A figure of the record (its JSON path) as stated against what the verifier computes. */
    static void same(String path, long stated, long computed) throws Bad {
        if (stated != computed) {
            throw new Bad("verify.why.figure", path, String.valueOf(stated), String.valueOf(computed));
        }
    }
}
