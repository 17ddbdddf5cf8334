package vn.tinnhiem.shared.files;

import java.util.List;

/**
 * Why a file is refused: an i18n key and its arguments, thrown inside a reader (where a refusal may come from
 * deep down) and turned into a {@link FileResult.Refused} at the reader's edge.
 */
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

    public <T> FileResult.Refused<T> refusal() {
        return new FileResult.Refused<>(reasonKey, args);
    }
}
