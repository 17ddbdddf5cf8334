package vn.tinnhiem.election;

import java.util.List;

/**
 * All or nothing: either every row was imported, or none was and each bad row is named. {@code renumbered}:
 * the file's STT numbers did not number the list 1..n (some missing, repeated or skipped), so the roll
 * was numbered in the file's order instead; the user must be told (see {@link #summaryKey()}).
 */
public record RollImportResult(int imported, List<RowProblem> problems, boolean renumbered) {

    public RollImportResult {
        problems = List.copyOf(problems);
    }

    public RollImportResult(int imported, List<RowProblem> problems) {
        this(imported, problems, false);
    }

    public boolean succeeded() {
        return problems.isEmpty();
    }

    /** The message to show after a successful import; its one argument is {@link #imported()}. */
    public String summaryKey() {
        return renumbered ? "import.doneRenumbered" : "import.done";
    }
}
