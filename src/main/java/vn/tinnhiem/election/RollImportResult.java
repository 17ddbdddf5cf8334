package vn.tinnhiem.election;

import java.util.List;

/** All or nothing: either every row was imported, or none was and each bad row is named. */
public record RollImportResult(int imported, List<RowProblem> problems) {

    public RollImportResult {
        problems = List.copyOf(problems);
    }

    public boolean succeeded() {
        return problems.isEmpty();
    }
}
