package vn.tinnhiem.shared.report;

import static vn.tinnhiem.shared.report.PdfCanvas.BODY;
import static vn.tinnhiem.shared.report.PdfCanvas.LEADING;
import static vn.tinnhiem.shared.report.PdfCanvas.MARGIN;
import static vn.tinnhiem.shared.report.PdfCanvas.PAD;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;

import vn.tinnhiem.shared.report.PdfReport.Align;
import vn.tinnhiem.shared.report.PdfReport.CellStyle;
import vn.tinnhiem.shared.report.PdfReport.Column;

/**
 * One table as it is drawn: each row wrapped into its cells' lines first, so its height is known before
 * it is placed, and a row that does not fit starts a new page under a repeated header row (a roll runs
 * to many pages, and every page must say what its columns are).
 */
final class PdfTable {

    private final PdfCanvas canvas;
    private final PdfText text;
    private final List<Column> columns;
    private final float minRowHeight;

    /** The lines of one cell, each with its font. */
    private record Line(String text, PDFont font) {
    }

    /** A row wrapped into its cells' lines, and the height that takes. */
    private record LaidRow(List<List<Line>> cells, float height) {
    }

    PdfTable(PdfCanvas canvas, PdfText text, List<Column> columns, float minRowHeight) {
        this.canvas = canvas;
        this.text = text;
        this.columns = List.copyOf(columns);
        this.minRowHeight = minRowHeight;
    }

    /** Draws the header row, on a new page if it would stand there alone, without a row under it. */
    void start() {
        canvas.down(6);
        LaidRow header = headerRow();
        if (!canvas.fits(header.height() + Math.max(minRowHeight, BODY * LEADING + 2 * PAD))) {
            canvas.newPage();
        }
        drawRow(header, true);
    }

    void row(List<String> cells) {
        LaidRow laid = layout(cells, false);
        if (!canvas.fits(laid.height())) {
            canvas.newPage();
            drawRow(headerRow(), true);
        }
        drawRow(laid, false);
    }

    private float[] columnWidths() {
        float sum = 0;
        for (Column c : columns) {
            sum += c.weight();
        }
        float[] widths = new float[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = canvas.width() * columns.get(i).weight() / sum;
        }
        return widths;
    }

    /** Headers are set at body size; a column may set its cells smaller (a hash). */
    private static float size(Column column, boolean header) {
        return header ? BODY : column.fontSize();
    }

    private List<Line> cellLines(String cell, Column column, float cellWidth, boolean header) {
        List<Line> lines = new ArrayList<>();
        if (!header && column.style() == CellStyle.CHECKBOX) {
            return lines;
        }
        String[] paragraphs = cell.split("\n", -1);
        for (int p = 0; p < paragraphs.length; p++) {
            PDFont f = header || (p == 0 && column.style() == CellStyle.FIRST_LINE_BOLD) ? text.bold() : text.regular();
            for (String line : text.wrap(paragraphs[p], f, size(column, header), cellWidth - 2 * PAD)) {
                lines.add(new Line(line, f));
            }
        }
        return lines;
    }

    private LaidRow headerRow() {
        return layout(columns.stream().map(Column::header).toList(), true);
    }

    private LaidRow layout(List<String> cells, boolean header) {
        float[] widths = columnWidths();
        float height = header ? 0 : minRowHeight;
        List<List<Line>> laid = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            List<Line> lines = cellLines(i < cells.size() ? cells.get(i) : "", c, widths[i], header);
            laid.add(lines);
            height = Math.max(height, Math.max(1, lines.size()) * size(c, header) * LEADING + 2 * PAD + 2);
        }
        return new LaidRow(laid, height);
    }

    private void drawRow(LaidRow row, boolean header) {
        float[] widths = columnWidths();
        float height = row.height();
        float y = canvas.y();
        PDPageContentStream content = canvas.content();
        try {
            if (header) {
                content.setNonStrokingColor(0.88f);
                content.addRect(MARGIN, y - height, canvas.width(), height);
                content.fill();
                content.setNonStrokingColor(0f);
            }
            content.setLineWidth(0.6f);
            float x = MARGIN;
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                content.addRect(x, y - height, widths[i], height);
                content.stroke();
                if (!header && c.style() == CellStyle.CHECKBOX) {
                    float box = 12;
                    content.setLineWidth(0.9f);
                    content.addRect(x + (widths[i] - box) / 2, y - height / 2 - box / 2, box, box);
                    content.stroke();
                    content.setLineWidth(0.6f);
                } else {
                    float size = size(c, header);
                    float lineY = y - PAD - 1 - size;
                    boolean centre = header || c.align() == Align.CENTER;
                    for (Line line : row.cells().get(i)) {
                        float tx = centre ? x + (widths[i] - text.width(line.text(), line.font(), size)) / 2 : x + PAD;
                        canvas.show(line.text(), line.font(), size, tx, lineY + size * 0.1f);
                        lineY -= size * LEADING;
                    }
                }
                x += widths[i];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        canvas.down(height);
    }
}
