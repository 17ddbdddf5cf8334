package vn.tinnhiem.election.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.xml.sax.SAXException;

import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RowProblem;

/**
 * Reads a voter roll from CSV (UTF-8, comma or semicolon) or Excel (first sheet). Columns are found by
 * their header (STT, Họ và tên, Chức vụ, Đơn vị, or the English words); without a header they are taken
 * in that order. Every problem is reported with its row; the caller imports nothing unless there is none.
 * The file's STT numbers are kept when they number the list 1..n; otherwise the list is numbered in file
 * order and the result says so. An .xlsx is streamed (a sheet is never held whole); only the rows with
 * text are kept, so formatted empty rows cost nothing. The sheet is read by {@link SheetCells}, the rows by
 * {@link RollRows}.
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
                rows = SheetCells.read(content);
            } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
                // POI throws a variety of runtime exceptions on damaged files; all mean the same to the user.
                return failed(RowProblem.of(0, "import.error.unreadable"));
            }
        } else {
            return failed(RowProblem.of(0, "import.error.type"));
        }
        return RollRows.interpret(rows);
    }

    static Parsed failed(RowProblem problem) {
        return new Parsed(List.of(), List.of(problem), false);
    }

    /**
     * Control characters and invisible formatting characters (such as U+202E, which reverses how a name
     * is shown) have no place in a name or a title.
     */
    public static boolean hasHiddenCharacters(String s) {
        return s.chars().anyMatch(ch -> Character.isISOControl(ch) || Character.getType(ch) == Character.FORMAT);
    }
}
