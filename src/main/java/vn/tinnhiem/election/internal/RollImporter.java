package vn.tinnhiem.election.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
import java.util.TreeMap;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RowProblem;

/**
 * Reads a voter roll from CSV (UTF-8, comma or semicolon) or Excel (first sheet). Columns are found by
 * their header (STT, Họ và tên, Chức vụ, Đơn vị, or the English words); without a header they are taken
 * in that order. Every problem is reported with its row; the caller imports nothing unless there is none.
 * The file's STT numbers are kept when they number the list 1..n; otherwise the list is numbered in file
 * order and the result says so. An .xlsx is streamed (a sheet is never held whole); only the rows with
 * text are kept, so formatted empty rows cost nothing.
 */
public final class RollImporter {

    public static final int MAX_ROWS = 5000;
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int MAX_NAME = 200;
    /** More columns than any roll has; wider rows are refused rather than read (a cheap memory bomb). */
    static final int MAX_COLUMNS = 20;
    static final int MAX_TEXT = 500;

    /**
     * The rows read, in roll order, or the problems found: never both non-empty. {@code renumbered}: the
     * file gave STT numbers that do not number the list 1..n (some missing, repeated or skipped), so the
     * list was numbered in file order instead.
     */
    public record Parsed(List<NewVoter> voters, List<RowProblem> problems, boolean renumbered) {
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
            } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
                // POI throws a variety of runtime exceptions on damaged files; all mean the same to the user.
                return failed(RowProblem.of(0, "import.error.unreadable"));
            }
        } else {
            return failed(RowProblem.of(0, "import.error.type"));
        }
        return interpret(rows);
    }

    private static Parsed failed(RowProblem problem) {
        return new Parsed(List.of(), List.of(problem), false);
    }

    private static List<List<String>> readWorkbook(byte[] content)
            throws IOException, OpenXML4JException, SAXException {
        FileMagic magic;
        try (InputStream in = FileMagic.prepareToCheckMagic(new ByteArrayInputStream(content))) {
            magic = FileMagic.valueOf(in);
        }
        Rows rows = new Rows();
        try {
            switch (magic) {
                case OOXML -> readXlsx(content, rows);
                case OLE2 -> readXls(content, rows);
                default -> throw new IOException("Neither .xlsx nor .xls: " + magic);
            }
        } catch (Rows.Full full) {
            // Enough rows to refuse the file: the rest is not read.
        }
        return rows.inFileOrder();
    }

    /** The first sheet, as a stream of cells (POI's event API): the sheet is never built in memory. */
    private static void readXlsx(byte[] content, Rows rows) throws IOException, OpenXML4JException, SAXException {
        OPCPackage workbook = OPCPackage.open(new InMemoryZip(content));
        try {
            var reader = new XSSFReader(workbook);
            var strings = new ReadOnlySharedStringsTable(workbook);
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                return;
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = newXmlReader();
                // A formula's last computed value, as Excel shows it, not the formula text.
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), strings, rows,
                        formatter(), false));
                parser.parse(new InputSource(sheet));
            } catch (SAXException e) {
                if (e.getCause() instanceof Rows.Full full) {
                    throw full;
                }
                throw e;
            }
        } finally {
            // Read only: revert closes the package without trying to save it.
            workbook.revert();
        }
    }

    /** POI's hardened SAX reader: no DTDs, no external entities. */
    private static XMLReader newXmlReader() throws SAXException {
        try {
            return XMLHelper.newXMLReader();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's SAX parser cannot be configured", e);
        }
    }

    /** The old binary format: a file of at most MAX_BYTES, read whole; only the cells present are visited. */
    private static void readXls(byte[] content, Rows rows) throws IOException {
        DataFormatter formatter = formatter();
        try (var workbook = new HSSFWorkbook(new ByteArrayInputStream(content))) {
            if (workbook.getNumberOfSheets() == 0) {
                return;
            }
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                for (Cell cell : row) {
                    rows.cell(row.getRowNum(), cell.getColumnIndex(), formatter.formatCellValue(cell));
                }
            }
        }
    }

    private static DataFormatter formatter() {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        formatter.setUseCachedValuesForFormulaCells(true);
        return formatter;
    }

    /**
     * The cells with text, by row. Formatted empty rows and cells leave nothing behind; once there are
     * more rows with text than a roll may have, reading stops. Anything right of MAX_COLUMNS lands in one
     * extra slot, so a far-right cell is reported without keeping 16,000 columns.
     */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        /** Thrown to stop reading a sheet that already holds too many rows. */
        static final class Full extends RuntimeException {
            Full() {
                super(null, null, false, false);
            }
        }

        private final TreeMap<Integer, List<String>> byIndex = new TreeMap<>();
        private boolean full;
        private int row;
        private int nextColumn;

        void cell(int rowIndex, int column, String value) {
            if (value.isBlank()) {
                return;
            }
            List<String> cells = byIndex.get(rowIndex);
            if (cells == null) {
                if (byIndex.size() >= MAX_ROWS + 10) {
                    full = true;
                    throw new Full();
                }
                cells = new ArrayList<>();
                byIndex.put(rowIndex, cells);
            }
            int at = Math.min(column, MAX_COLUMNS);
            while (cells.size() <= at) {
                cells.add("");
            }
            if (cells.get(at).isEmpty()) {
                cells.set(at, value);
            }
        }

        @Override
        public void startRow(int rowNum) {
            row = rowNum;
            nextColumn = 0;
        }

        @Override
        public void endRow(int rowNum) {
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            // A cell without its reference follows the one before it.
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            nextColumn = column + 1;
            cell(row, column, formattedValue == null ? "" : formattedValue);
        }

        /**
         * Row i of the list is row i + 1 of the sheet; empty rows between rows with text keep their place (one
         * shared empty list each), up to the same bound as a CSV's blank lines. A null last row: there was more.
         */
        List<List<String>> inFileOrder() {
            List<List<String>> rows = new ArrayList<>();
            for (var entry : byIndex.entrySet()) {
                if (entry.getKey() > 40 * MAX_ROWS) {
                    rows.add(null);
                    return rows;
                }
                while (rows.size() < entry.getKey()) {
                    rows.add(List.of());
                }
                rows.add(entry.getValue());
            }
            if (full) {
                rows.add(null);
            }
            return rows;
        }
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
