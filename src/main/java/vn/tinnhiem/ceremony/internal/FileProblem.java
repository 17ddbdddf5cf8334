package vn.tinnhiem.ceremony.internal;

import java.util.List;

/** Why a ceremony file is refused, thrown inside a reader and turned into a result at its edge. */
public final class FileProblem extends Exception {

    private final String reasonKey;
    private final List<Object> args;

    public FileProblem(String reasonKey, Object... args) {
        super(reasonKey, null, false, false);
        this.reasonKey = reasonKey;
        this.args = List.of(args);
    }

    public String reasonKey() {
        return reasonKey;
    }

    public List<Object> args() {
        return args;
    }
}
