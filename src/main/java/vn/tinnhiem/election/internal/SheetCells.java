package vn.tinnhiem.election.internal;

import static vn.tinnhiem.election.internal.RollImporter.MAX_COLUMNS;
import static vn.tinnhiem.election.internal.RollImporter.MAX_ROWS;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/**
 * The first sheet of an Excel workbook (.xlsx streamed, .xls read whole) as rows of cell text, in file order:
 * what {@link RollImporter} reads a roll from. Only the rows with text are kept, so formatted empty rows cost
 * nothing, and reading stops once there are more rows than a roll may have.
 */
final class SheetCells {

    private SheetCells() {
    }

    /** The sheet's rows; a null last row: there was more than a roll may have, and it was not read. */
    static List<List<String>> read(byte[] content) throws IOException, OpenXML4JException, SAXException {
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
}
