package vn.tinnhiem.shared.i18n;

import java.util.Arrays;

import org.springframework.stereotype.Component;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.VaadinServiceInitListener;

import jakarta.servlet.http.Cookie;

/**
 * Every session starts in Vietnamese, unless the visitor chose English before (a cookie), and every page
 * says which language it is in ({@code <html lang>}), so a screen reader reads English words as English.
 */
@Component
class LanguageSessionInit implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setLocale(Languages.fromTag(chosen(init.getRequest()))));
        // The page is made before its UI: the session's language when there is one, else the visitor's choice.
        event.addIndexHtmlRequestListener(page -> {
            VaadinSession session = page.getVaadinRequest().getWrappedSession(false) == null ? null
                    : VaadinSession.getCurrent();
            String lang = session != null && session.getLocale() != null
                    ? (Languages.isEnglish(session.getLocale()) ? "en" : "vi")
                    : Languages.isEnglish(Languages.fromTag(chosen(page.getVaadinRequest()))) ? "en" : "vi";
            page.getDocument().getElementsByTag("html").attr("lang", lang);
        });
    }

    private static String chosen(VaadinRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? "vi" : Arrays.stream(cookies).filter(c -> Languages.COOKIE.equals(c.getName()))
                .map(Cookie::getValue).findFirst().orElse("vi");
    }
}
