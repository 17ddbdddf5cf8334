package vn.tinnhiem.audit.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.di.Instantiator;

import vn.tinnhiem.audit.AuditExports;
import vn.tinnhiem.shared.report.ExportFormat;
import vn.tinnhiem.shared.ui.DownloadLinks;

/** Links that download the log as PDF or XLSX (a supervisor: their extract); the service is looked up here, not injected. */
class AuditDownloads extends Div {

    AuditDownloads() {
        UI ui = UI.getCurrent();
        AuditExports exports = Instantiator.get(ui).getOrCreate(AuditExports.class);
        var locale = ui.getLocale();
        setId("audit-downloads");
        getStyle().set("display", "flex").set("flex-wrap", "wrap").set("align-items", "center")
                .set("gap", "var(--lumo-space-s)");
        String label = getTranslation("audit.title");
        // A supervisor's file is the extract their screen shows, not the whole log.
        add(new Span(getTranslation(exports.extractOnly() ? "export.audit.downloadScoped"
                : "export.audit.download")));
        for (ExportFormat format : new ExportFormat[] {ExportFormat.PDF, ExportFormat.XLSX}) {
            var link = DownloadLinks.link(format.name(), getTranslation("export.download", label, format.name()),
                    AuditExports.fileName(format), format, out -> exports.write(format, locale, out));
            link.setId("export-audit-" + format.name());
            add(link);
        }
    }
}
