package vn.tinnhiem.election.internal;

import static vn.tinnhiem.election.internal.RollImporter.MAX_NAME;
import static vn.tinnhiem.election.internal.RollImporter.MAX_ROWS;
import static vn.tinnhiem.election.internal.RollImporter.MAX_TEXT;
import static vn.tinnhiem.election.internal.RollImporter.failed;
import static vn.tinnhiem.election.internal.RollImporter.hasHiddenCharacters;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RowProblem;
import vn.tinnhiem.election.internal.RollImporter.Parsed;

/**
 * A roll's rows of cell text (from a CSV or a sheet) read as voters: columns found by their header (STT, Họ và
 * tên, Chức vụ, Đơn vị, or the English words) or, without one, taken in that order; every problem reported with
 * its row; the file's STT numbers kept when they number the list 1..n.
 */
final class RollRows {

    private enum Column {
        ORDINAL, NAME, TITLE, ORGANISATION
    }

    private RollRows() {
    }

    static Parsed interpret(List<List<String>> rows) {
        List<RowProblem> problems = new ArrayList<>();
        int first = 0;
        while (first < rows.size() && rows.get(first) != null && blank(rows.get(first))) {
            first++;
        }
        if (first == rows.size()) {
            return failed(RowProblem.of(0, "import.error.empty"));
        }
        Map<Column, Integer> columns = header(rows.get(first));
        int dataStart = first + 1;
        if (columns.isEmpty()) {
            dataStart = first;
        } else if (!columns.containsKey(Column.NAME)) {
            return failed(RowProblem.of(first + 1, "import.error.noNameColumn"));
        }
        List<NewVoter> voters = new ArrayList<>();
        List<Integer> ordinals = new ArrayList<>();
        Map<String, Integer> seenPeople = new HashMap<>();
        for (int i = dataStart; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            int rowNumber = i + 1;
            if (cells == null || voters.size() + problems.size() >= MAX_ROWS) {
                return failed(RowProblem.of(rowNumber, "import.error.tooManyRows", MAX_ROWS));
            }
            if (blank(cells)) {
                continue;
            }
            Map<Column, Integer> layout = columns.isEmpty() ? positional(cells) : columns;
            int used = layout.values().stream().mapToInt(v -> v + 1).max().orElse(0);
            for (int c = used; c < cells.size(); c++) {
                if (!cells.get(c).isBlank()) {
                    problems.add(RowProblem.of(rowNumber, "import.error.extraColumn", c + 1));
                    break;
                }
            }
            String name = clean(cell(cells, layout.get(Column.NAME)));
            String title = clean(cell(cells, layout.get(Column.TITLE)));
            String organisation = clean(cell(cells, layout.get(Column.ORGANISATION)));
            String ordinal = clean(cell(cells, layout.get(Column.ORDINAL)));
            if (name.isEmpty()) {
                problems.add(RowProblem.of(rowNumber, "import.error.noName"));
            } else if (name.length() > MAX_NAME) {
                problems.add(RowProblem.of(rowNumber, "import.error.nameTooLong", MAX_NAME));
            } else if (hasHiddenCharacters(name) || hasHiddenCharacters(title) || hasHiddenCharacters(organisation)) {
                problems.add(RowProblem.of(rowNumber, "import.error.control"));
            }
            if (title.length() > MAX_TEXT || organisation.length() > MAX_TEXT) {
                problems.add(RowProblem.of(rowNumber, "import.error.textTooLong", MAX_TEXT));
            }
            Integer given = null;
            if (!ordinal.isEmpty()) {
                if (!ordinal.matches("\\d{1,5}") || Integer.parseInt(ordinal) == 0) {
                    problems.add(RowProblem.of(rowNumber, "import.error.ordinal", ordinal));
                } else {
                    given = Integer.parseInt(ordinal);
                }
            }
            if (!name.isEmpty()) {
                Integer before = seenPeople.putIfAbsent(fold(name) + "|" + fold(organisation), rowNumber);
                if (before != null) {
                    problems.add(RowProblem.of(rowNumber, "import.error.duplicate", before));
                }
            }
            voters.add(new NewVoter(name, title, organisation));
            ordinals.add(given);
        }
        if (problems.isEmpty() && voters.isEmpty()) {
            return failed(RowProblem.of(0, "import.error.empty"));
        }
        if (!problems.isEmpty()) {
            return new Parsed(List.of(), problems, false);
        }
        if (ordinals.stream().allMatch(Objects::isNull)) {
            return new Parsed(List.copyOf(voters), List.of(), false);
        }
        if (numbersOneToN(ordinals)) {
            // The file's own numbering is the roll's, even where the rows are not in that order.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < voters.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing(ordinals::get));
            return new Parsed(order.stream().map(voters::get).toList(), List.of(), false);
        }
        return new Parsed(List.copyOf(voters), List.of(), true);
    }

    /** Every row has a number, no two the same, none above the row count: exactly 1..n. */
    private static boolean numbersOneToN(List<Integer> ordinals) {
        Set<Integer> seen = new HashSet<>();
        for (Integer o : ordinals) {
            if (o == null || o > ordinals.size() || !seen.add(o)) {
                return false;
            }
        }
        return true;
    }

    private static Map<Column, Integer> header(List<String> cells) {
        Map<Column, Integer> columns = new HashMap<>();
        for (int c = 0; c < cells.size(); c++) {
            String h = fold(cells.get(c));
            Column column = switch (h) {
                case "stt", "tt", "no", "no.", "#", "so thu tu" -> Column.ORDINAL;
                case "ho va ten", "ho ten", "ten", "name", "full name", "fullname" -> Column.NAME;
                case "chuc vu", "chuc danh", "title", "position", "job title" -> Column.TITLE;
                case "don vi", "co quan", "co quan, don vi", "co quan don vi", "organisation", "organization", "unit",
                        "agency" -> Column.ORGANISATION;
                default -> null;
            };
            if (column != null) {
                columns.putIfAbsent(column, c);
            }
        }
        return columns;
    }

    /** No header: "STT, name, title, organisation" when the first cell is a number, else "name, title, organisation". */
    private static Map<Column, Integer> positional(List<String> cells) {
        boolean numbered = !cells.isEmpty() && clean(cells.get(0)).matches("\\d+");
        int offset = numbered ? 1 : 0;
        Map<Column, Integer> layout = new HashMap<>();
        if (numbered) {
            layout.put(Column.ORDINAL, 0);
        }
        layout.put(Column.NAME, offset);
        layout.put(Column.TITLE, offset + 1);
        layout.put(Column.ORGANISATION, offset + 2);
        return layout;
    }

    private static String cell(List<String> cells, Integer index) {
        return index == null || index >= cells.size() ? "" : cells.get(index);
    }

    private static boolean blank(List<String> cells) {
        return cells.stream().allMatch(String::isBlank);
    }

    /** Trims, folds runs of spaces and composes Vietnamese diacritics (NFC), as typed names vary. */
    static String clean(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
    }

    /** For comparing: lower case without diacritics (đ too). */
    static String fold(String s) {
        String decomposed = Normalizer.normalize(clean(s).toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").replace('đ', 'd');
    }
}
