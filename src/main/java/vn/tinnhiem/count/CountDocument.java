package vn.tinnhiem.count;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.multipdf.PDFMergerUtility;

import vn.tinnhiem.shared.i18n.Translations;
import vn.tinnhiem.shared.report.PdfReport;

/** The parts the minutes, the report and the candidates' pages share. */
final class CountDocument {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("HH:mm, dd/MM/yyyy");
    private static final String[] ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

    private final CountSummary summary;
    private final Locale locale;
    private int section;

    CountDocument(CountSummary summary, Locale locale) {
        this.summary = summary;
        this.locale = locale;
    }

    String translate(String key, Object... args) {
        return Translations.translate(key, locale, args);
    }

    static String time(LocalDateTime at) {
        return at.format(DAY_TIME);
    }

    /** "MẬT · Bản số 2/3" at the top of every page, the letterhead, the title and the conference. */
    void opening(PdfReport pdf, String title, String stamp) {
        CountSummary.Conference c = summary.conference();
        String when = time(c.startsAt());
        pdf.stamp(stamp).letterhead(c.body()).title(title)
                .centred(translate("count.doc.under", translate("ballotKind." + summary.results().kind().name()),
                        translate("ruleSet." + summary.results().ruleSet().name())))
                .centred(c.title())
                .centred(c.place().isBlank() ? translate("export.whenOnly", when) : translate("export.when", when, c.place()))
                .runningHeader(c.title() + " · " + title);
        if (!summary.closing().quorumMet()) {
            // Every page carries the mark, not only the first: pages get separated.
            pdf.watermark(translate("count.doc.quorumMark"))
                    .notice(translate("count.doc.quorumNotMet", summary.closing().present(), summary.closing().summoned()));
        }
        pdf.space(4);
    }

    String stamp(int copy, int copies) {
        return translate("count.doc.secret") + " · " + translate("count.doc.copy", copy, copies);
    }

    void heading(PdfReport pdf, String key) {
        pdf.space(6).paragraph(ROMAN[section++ % ROMAN.length] + ". " + translate(key).toUpperCase(locale));
    }

    void board(PdfReport pdf) {
        heading(pdf, "count.doc.h.board");
        pdf.paragraph(translate("count.doc.board"));
        for (CountSummary.Teller teller : summary.board()) {
            pdf.paragraph(translate(teller.head() ? "count.doc.board.head" : "count.doc.board.member", teller.seat(),
                    teller.name()));
        }
    }

    void figures(PdfReport pdf) {
        heading(pdf, "count.doc.h.figures");
        CountSummary.Closing closing = summary.closing();
        pdf.paragraph(translate(closing.quorumMet() ? "count.doc.quorumMet" : "count.doc.quorumNotMet", closing.present(),
                closing.summoned()));
        pdf.paragraph(translate("count.doc.cards", closing.cardsActivated(), summary.results().returned(),
                closing.cardsUnspent(), closing.cardsVoided()));
        pdf.paragraph(translate("count.doc.closedAt", time(closing.closedAt())));
    }

    void box(PdfReport pdf) {
        heading(pdf, "count.doc.h.box");
        CountSummary.Box box = summary.box();
        pdf.paragraph(translate("count.doc.box", box.stored(), box.counted(), box.setAside().size(), box.copies().size()));
        int difference = summary.difference();
        if (difference == 0 && box.tampering().isEmpty()) {
            pdf.paragraph(translate("count.doc.differenceNone", box.counted()));
        } else if (difference == 0) {
            pdf.notice(translate("count.doc.differenceNoneNotClean", box.counted()));
        } else {
            pdf.notice(translate("count.doc.difference", signed(difference), box.counted(), summary.closing().cardsSpent()));
        }
        pdf.paragraph(translate("count.doc.spentProvable"));
        // The ballots voters and supervisors opened to check a tablet: kept apart, published opened, never counted.
        pdf.paragraph(translate("count.doc.checked", box.checked()));
        if (!box.tampering().isEmpty()) {
            pdf.notice(translate("count.box.tampering", box.tampering().size()));
            for (BoxVerdict.Tampering t : box.tampering()) {
                String about = t.aboutKey() == null ? t.about() : translate(t.aboutKey());
                pdf.paragraph(translate("count.tampering." + t.kind(), about) + ". "
                        + translate("count.tampering.values", t.found(), t.expected()));
            }
        }
        if (!box.setAside().isEmpty()) {
            pdf.paragraph(translate("count.doc.setAside"));
            pdf.table(List.of(PdfReport.Column.text(translate("count.doc.col.order"), 1).centered(),
                    PdfReport.Column.text(translate("count.doc.trackingCode"), 5),
                    PdfReport.Column.text(translate("count.doc.reasons"), 10)), 0);
            int i = 1;
            for (CountSummary.SetAside s : box.setAside()) {
                pdf.row(List.of(String.valueOf(i++), s.trackingCode(), String.join("; ", s.reasons())));
            }
            pdf.endTable();
        }
        if (!box.copies().isEmpty()) {
            pdf.paragraph(translate("count.doc.copies"));
            pdf.table(List.of(PdfReport.Column.text(translate("count.doc.col.order"), 1).centered(),
                    PdfReport.Column.text(translate("count.doc.trackingCode"), 5),
                    PdfReport.Column.text(translate("count.doc.copyOf"), 5)), 0);
            int i = 1;
            for (CountSummary.Copy c : box.copies()) {
                pdf.row(List.of(String.valueOf(i++), c.trackingCode(), c.copyOfTrackingCode()));
            }
            pdf.endTable();
        }
    }

    void unsealing(PdfReport pdf) {
        heading(pdf, "count.doc.h.unsealing");
        pdf.paragraph(translate("count.doc.unsealing"));
        for (CountSummary.Partial p : summary.partials()) {
            String name = summary.teller(p.seat()).map(CountSummary.Teller::name).orElse("");
            pdf.paragraph(translate("count.doc.path." + p.path().name(), p.seat(), name));
        }
    }

    void results(PdfReport pdf) {
        heading(pdf, "count.doc.h.results");
        ResultTable table = summary.results();
        pdf.paragraph(translate("count.doc.percentOf", translate(table.rule().denominatorKey()), table.denominator()));
        table(pdf, table.rows());
        bands(pdf);
    }

    /** The table of results for some rows: STT, name and position, per level count (%), valid, invalid. */
    void table(PdfReport pdf, List<ResultTable.Row> rows) {
        ResultTable table = summary.results();
        List<PdfReport.Column> columns = new ArrayList<>();
        // Widths in points of the 511 across A4: a level's name ("Tín nhiệm thấp") fits its header on one line.
        columns.add(PdfReport.Column.text(translate("count.doc.col.order"), 28).centered().size(9));
        columns.add(PdfReport.Column.text(translate("count.doc.col.name"), 115)
                .styled(PdfReport.CellStyle.FIRST_LINE_BOLD).size(9));
        for (String level : table.kind().levels()) {
            columns.add(PdfReport.Column.text(translate("count.doc.col.level", translate("level." + level)), 92)
                    .centered().size(9));
        }
        columns.add(PdfReport.Column.text(translate("count.doc.col.valid"), 45).centered().size(9));
        columns.add(PdfReport.Column.text(translate("count.doc.col.invalid"), 45).centered().size(9));
        pdf.table(columns, 0);
        for (ResultTable.Row r : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(String.valueOf(r.order()));
            cells.add(r.name() + "\n" + r.position());
            for (int l = 0; l < r.levels().size(); l++) {
                cells.add(translate("count.doc.cell", String.valueOf(r.levels().get(l)), r.percentages().get(l)));
            }
            cells.add(String.valueOf(r.valid()));
            cells.add(String.valueOf(r.invalid()));
            pdf.row(cells);
        }
        pdf.endTable();
    }

    /** Each candidate whose band calls for something, in the rule set's words; one line for the rest. */
    void bands(PdfReport pdf) {
        ResultTable table = summary.results();
        pdf.paragraph(translate("count.doc.bands", translate("ruleSet." + table.ruleSet().name())));
        List<ResultTable.Row> rest = new ArrayList<>();
        for (ResultTable.Row r : table.rows()) {
            if (r.band() == Band.NONE) {
                rest.add(r);
            } else {
                pdf.paragraph(translate("count.doc.band.row", r.order(), r.name(), translate(table.wordingKey(r))));
            }
        }
        String none = translate(table.rule().wordingKey(Band.NONE));
        if (rest.size() == table.rows().size()) {
            pdf.paragraph(translate("count.doc.band.all", none));
        } else if (!rest.isEmpty()) {
            pdf.paragraph(translate("count.doc.band.rest", none));
        }
    }

    void countedAt(PdfReport pdf) {
        pdf.space(4).paragraph(translate("count.doc.countedAt", time(summary.countedAt())));
    }

    void fingerprints(PdfReport pdf) {
        heading(pdf, "count.doc.h.fingerprints");
        CountSummary.Fingerprints f = summary.fingerprints();
        pdf.paragraph(translate("count.doc.fingerprints"))
                .paragraph(translate("count.doc.fingerprint.manifest", f.manifestHash()))
                .paragraph(translate("count.doc.fingerprint.record", f.recordHash()))
                .paragraph(translate("count.doc.fingerprint.audit", f.auditHeadHash()));
    }

    /** The head of the board first, then the members, three to a row. */
    void boardSignatures(PdfReport pdf) {
        List<PdfReport.Signature> all = new ArrayList<>();
        all.add(new PdfReport.Signature(translate("count.doc.sign.head"), summary.head().name()));
        for (CountSummary.Teller teller : summary.board()) {
            if (!teller.head()) {
                all.add(new PdfReport.Signature(translate("count.doc.sign.member"), teller.name()));
            }
        }
        for (int i = 0; i < all.size(); i += 3) {
            pdf.signatures(all.subList(i, Math.min(all.size(), i + 3)));
        }
    }

    private static String signed(int n) {
        return n > 0 ? "+" + n : String.valueOf(n);
    }

    /** Renders each numbered copy on its own and writes them one after another as a single PDF. */
    static void copies(int copies, IntFunction<byte[]> render, OutputStream out) {
        if (copies < 1) {
            throw new IllegalArgumentException("at least one copy");
        }
        if (copies == 1) {
            write(render.apply(1), out);
            return;
        }
        var merger = new PDFMergerUtility();
        for (int copy = 1; copy <= copies; copy++) {
            merger.addSource(new RandomAccessReadBuffer(render.apply(copy)));
        }
        merger.setDestinationStream(out);
        try {
            merger.mergeDocuments(IOUtils.createMemoryOnlyStreamCache());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(PdfReport pdf) {
        try (pdf) {
            var bytes = new ByteArrayOutputStream();
            pdf.writeTo(bytes);
            return bytes.toByteArray();
        }
    }

    private static void write(byte[] bytes, OutputStream out) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
