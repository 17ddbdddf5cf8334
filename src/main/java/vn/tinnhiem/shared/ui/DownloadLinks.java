package vn.tinnhiem.shared.ui;

import java.io.OutputStream;
import java.util.function.Consumer;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.streams.DownloadHandler;

import vn.tinnhiem.shared.report.ExportFormat;

/**
 * A link that downloads a generated file, made when clicked (not before), shaped like a button a finger
 * can hit (at least 44 px). The file is written by the caller's service, under the signed-in user's
 * session and roles.
 */
public final class DownloadLinks {

    private DownloadLinks() {
    }

    /**
     * @param text what the link says ("PDF"): its accessible name, so that what a voice-control user reads on
     *        the screen is what they say (axe: label-content-name-mismatch)
     * @param ariaLabel what the link does ("Tải về Danh sách người ghi phiếu (PDF)"): its tooltip and the
     *        description a screen reader adds to the name
     */
    public static Anchor link(String text, String ariaLabel, String fileName, ExportFormat format,
            Consumer<OutputStream> writer) {
        DownloadHandler handler = event -> {
            event.setFileName(fileName);
            event.setContentType(format.contentType());
            try (OutputStream out = event.getOutputStream()) {
                writer.accept(out);
            }
        };
        var anchor = new Anchor(handler, text);
        anchor.getElement().setAttribute("title", ariaLabel);
        anchor.addClassName("download-link");
        anchor.getStyle().set("display", "inline-flex").set("align-items", "center").set("justify-content", "center")
                .set("box-sizing", "border-box").set("min-height", "44px").set("min-width", "64px")
                .set("padding", "0 var(--lumo-space-m)").set("border", "1px solid var(--lumo-contrast-30pct)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("text-decoration", "none")
                .set("font-weight", "600");
        return anchor;
    }
}
