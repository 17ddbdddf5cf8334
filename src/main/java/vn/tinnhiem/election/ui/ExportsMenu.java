package vn.tinnhiem.election.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.di.Instantiator;

import vn.tinnhiem.election.ElectionExports;
import vn.tinnhiem.election.ElectionExports.Document;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.report.ExportFormat;
import vn.tinnhiem.shared.ui.ConferenceDocuments;
import vn.tinnhiem.shared.ui.DownloadLinks;

/**
 * "In và tải về": each printout of the conference with a link per format (roll, candidates, ballot
 * preview, checklist, and once counted the count's minutes, report, table and record). Folded by default so it takes one line on a phone. The service is looked up
 * here, so the screen it sits on needs no new constructor argument.
 */
class ExportsMenu extends Details {

    ExportsMenu(ElectionId electionId) {
        UI ui = UI.getCurrent();
        ElectionExports exports = Instantiator.get(ui).getOrCreate(ElectionExports.class);
        var locale = ui.getLocale();
        var summary = new Span(getTranslation("export.menu"));
        summary.getStyle().set("display", "inline-flex").set("align-items", "center").set("min-height", "44px");
        setSummary(summary);
        setId("exports-menu");
        var list = new Div();
        for (Document document : Document.values()) {
            String label = getTranslation(document.labelKey());
            var links = new Div();
            for (ExportFormat format : document.formats()) {
                var link = DownloadLinks.link(format.name(), getTranslation("export.download", label, format.name()),
                        ElectionExports.fileName(document, format, electionId), format,
                        out -> exports.write(electionId, document, format, locale, out));
                link.setId("export-" + document.name() + "-" + format.name());
                links.add(link);
            }
            list.add(row(new Span(label), links));
        }
        // The count's documents once counted (the minutes, the report, the table, the record): the count module's,
        // reached through Spring, so this module needs none of its types.
        for (ConferenceDocuments.Document document : ConferenceDocuments.documentsOf(electionId)) {
            list.add(row(new Span(document.label()), new Div(document.links().toArray(Anchor[]::new))));
        }
        add(list);
    }

    /** The blank import template, XLSX and CSV, for the roll's import box. */
    static Div templateLinks() {
        UI ui = UI.getCurrent();
        var locale = ui.getLocale();
        String label = ui.getTranslation("export.template");
        var links = new Div();
        for (ExportFormat format : new ExportFormat[] {ExportFormat.XLSX, ExportFormat.CSV}) {
            var link = DownloadLinks.link(format.name(), ui.getTranslation("export.download", label, format.name()),
                    ElectionExports.importTemplateFileName(format), format,
                    out -> ElectionExports.writeImportTemplate(format, locale, out));
            link.setId("import-template-" + format.name());
            links.add(link);
        }
        return row(new Span(ui.getTranslation("export.template.help")), links);
    }

    /** A label and its links side by side; on a narrow screen the links, kept together, go beneath. */
    private static Div row(Span label, Div links) {
        var line = new Div(label, links);
        line.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("align-items", "center")
                .set("gap", "var(--lumo-space-xs) var(--lumo-space-s)").set("padding-block", "var(--lumo-space-xs)");
        label.getStyle().set("flex", "1 1 12em");
        links.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)").set("flex", "0 0 auto");
        return line;
    }
}
