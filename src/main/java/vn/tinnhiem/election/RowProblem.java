package vn.tinnhiem.election;

import java.util.List;

/** What is wrong with one row of an import file: the row number as the user sees it, and a message key. */
public record RowProblem(int row, String key, List<Object> args) {

    public RowProblem {
        args = List.copyOf(args);
    }

    public static RowProblem of(int row, String key, Object... args) {
        return new RowProblem(row, key, List.of(args));
    }
}
