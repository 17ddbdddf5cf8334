package vn.tinnhiem.election.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.openxml4j.util.ZipSecureFile;

import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RowProblem;

/**
 * Reads a voter roll from CSV (UTF-8, comma or semicolon) or Excel (first sheet). Columns are found by
 * their header (STT, Họ và tên, Chức vụ, Đơn vị, or the English words); without a header they are taken
 * in that order. Every problem is reported with its row; the caller imports nothing unless there is none.
 */
public final class RollImporter {

    public static final int MAX_ROWS = 5000;
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int MAX_NAME = 200;
    /** More columns than any roll has; wider rows are refused rather than read (a cheap memory bomb). */
    static final int MAX_COLUMNS = 20;
    static final int MAX_TEXT = 500;

    /** The rows read, or the problems found: never both non-empty. */
    public record Parsed(List<NewVoter> voters, List<RowProblem> problems) {
    }

    private enum Column {
        ORDINAL, NAME, TITLE, ORGANISATION
    }

    private RollImporter() {
    }

    public static Parsed parse(String fileName, byte[] content) {
        if (content.length == 0) {
            return failed(RowProblem.of(0, "import.error.empty"));
        }
        if (content.length > MAX_BYTES) {
            return failed(RowProblem.of(0, "import.error.tooLarge", MAX_BYTES / (1024 * 1024)));
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        List<List<String>> rows;
        if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            } catch (CharacterCodingException e) {
                return failed(RowProblem.of(0, "import.error.encoding"));
            }
            rows = Csv.parse(text.startsWith("\uFEFF") ? text.substring(1) : text, MAX_ROWS + 10, MAX_COLUMNS + 1);
        } else if (lower.endsWith(".xlsx") || lower.endsWith(".xls")) {
            try {
                rows = readWorkbook(content);
            } catch (IOException | RuntimeException e) {
                // POI throws a variety of runtime exceptions on damaged files; all mean the same to the user.
                return failed(RowProblem.of(0, "import.error.unreadable"));
            }
        } else {
            return failed(RowProblem.of(0, "import.error.type"));
        }
        return interpret(rows);
    }

    private static Parsed failed(RowProblem problem) {
        return new Parsed(List.of(), List.of(problem));
    }

    private static List<List<String>> readWorkbook(byte[] content) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        // A formula's last computed value, as Excel shows it, not the formula text.
        formatter.setUseCachedValuesForFormulaCells(true);
        // A 5 MB file may not inflate into a sheet of hundreds of megabytes.
        ZipSecureFile.setMaxEntrySize(50L * 1024 * 1024);
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            if (workbook.getNumberOfSheets() == 0) {
                return rows;
            }
            Sheet sheet = workbook.getSheetAt(0);
            int last = Math.min(sheet.getLastRowNum(), MAX_ROWS + 10);
            for (int r = 0; r <= last; r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    // Only the cells present are visited; anything right of MAX_COLUMNS lands in one
                    // extra slot, so a far-right cell is reported without reading 16,000 columns.
                    for (Cell cell : row) {
                        String value = formatter.formatCellValue(cell);
                        if (value.isBlank()) {
                            continue;
                        }
                        int at = Math.min(cell.getColumnIndex(), MAX_COLUMNS);
                        while (cells.size() <= at) {
                            cells.add("");
                        }
                        if (cells.get(at).isEmpty()) {
                            cells.set(at, value);
                        }
                    }
                }
                rows.add(cells);
            }
            if (sheet.getLastRowNum() > last) {
                rows.add(null);
            }
        }
        return rows;
    }

    private static Parsed interpret(List<List<String>> rows) {
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
        Map<String, Integer> seenPeople = new HashMap<>();
        Map<Integer, Integer> seenOrdinals = new HashMap<>();
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
            if (!ordinal.isEmpty()) {
                if (!ordinal.matches("\\d{1,5}") || Integer.parseInt(ordinal) == 0) {
                    problems.add(RowProblem.of(rowNumber, "import.error.ordinal", ordinal));
                } else {
                    Integer before = seenOrdinals.putIfAbsent(Integer.parseInt(ordinal), rowNumber);
                    if (before != null) {
                        problems.add(RowProblem.of(rowNumber, "import.error.duplicateOrdinal", ordinal, before));
                    }
                }
            }
            if (!name.isEmpty()) {
                Integer before = seenPeople.putIfAbsent(fold(name) + "|" + fold(organisation), rowNumber);
                if (before != null) {
                    problems.add(RowProblem.of(rowNumber, "import.error.duplicate", before));
                }
            }
            voters.add(new NewVoter(name, title, organisation));
        }
        if (problems.isEmpty() && voters.isEmpty()) {
            return failed(RowProblem.of(0, "import.error.empty"));
        }
        return problems.isEmpty() ? new Parsed(List.copyOf(voters), List.of()) : new Parsed(List.of(), problems);
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

    /**
     * Control characters and invisible formatting characters (such as U+202E, which reverses how a name
     * is shown) have no place in a name or a title.
     */
    public static boolean hasHiddenCharacters(String s) {
        return s.chars().anyMatch(ch -> Character.isISOControl(ch) || Character.getType(ch) == Character.FORMAT);
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
