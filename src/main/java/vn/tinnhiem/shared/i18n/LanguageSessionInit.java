package vn.tinnhiem.shared.i18n;

import java.util.Arrays;

import org.springframework.stereotype.Component;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import jakarta.servlet.http.Cookie;

/** Every session starts in Vietnamese, unless the visitor chose English before (a cookie). */
@Component
class LanguageSessionInit implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> {
            Cookie[] cookies = init.getRequest().getCookies();
            String tag = cookies == null ? "vi" : Arrays.stream(cookies)
                    .filter(c -> Languages.COOKIE.equals(c.getName()))
                    .map(Cookie::getValue).findFirst().orElse("vi");
            init.getSession().setLocale(Languages.fromTag(tag));
        });
    }
}
