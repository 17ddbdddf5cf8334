package vn.tinnhiem.kiosk.internal;

import org.jsoup.nodes.Document;
import org.springframework.stereotype.Component;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletRequest;

/**
 * The kiosk page links its own manifest (start_url /kiosk, full screen) instead of the staff app's,
 * which Vaadin's @PWA generates with start_url "." for every page: so a tablet installs the kiosk, and
 * a staff phone still installs the staff app.
 */
@Component
class KioskPage implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(response -> {
            if (isKioskPage(response.getVaadinRequest())) {
                Document page = response.getDocument();
                page.head().select("link[rel=manifest]").remove();
                page.head().appendElement("link").attr("rel", "manifest").attr("href", "kiosk/manifest.webmanifest");
                page.head().select("meta[name=theme-color]").remove();
                page.head().appendElement("meta").attr("name", "theme-color").attr("content", "#0b3d91");
                page.head().appendElement("meta").attr("name", "apple-mobile-web-app-capable").attr("content", "yes");
                page.head().appendElement("meta").attr("name", "mobile-web-app-capable").attr("content", "yes");
                page.head().appendElement("link").attr("rel", "apple-touch-icon").attr("href", "kiosk/icon-192.png");
            }
        });
    }

    static boolean isKioskPage(VaadinRequest request) {
        String path = request.getPathInfo();
        if ((path == null || path.isEmpty() || "/".equals(path)) && request instanceof VaadinServletRequest servlet) {
            // Forwarded from Spring's dispatcher to Vaadin's servlet: the address the browser asked for.
            Object original = servlet.getAttribute("jakarta.servlet.forward.request_uri");
            path = original != null ? original.toString().substring(servlet.getContextPath().length())
                    : servlet.getRequestURI().substring(servlet.getContextPath().length());
        }
        return path != null && (path.equals("/kiosk") || path.startsWith("/kiosk/") || path.equals("kiosk"));
    }
}
