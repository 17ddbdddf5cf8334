package vn.tinnhiem.shared.ui;

import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;

import jakarta.servlet.http.Cookie;
import vn.tinnhiem.shared.i18n.Languages;

/**
 * Tiếng Việt / English: applies to the whole session and is remembered in a cookie. Each choice
 * carries a short code (VI, EN) that a phone's header shows instead of the cut-off name.
 */
public class LanguageSwitch extends Select<Locale> {

    public LanguageSwitch() {
        setItems(Languages.ALL);
        setRenderer(new ComponentRenderer<>(l -> {
            var code = new Span(Languages.isEnglish(l) ? "EN" : "VI");
            code.addClassName("language-code");
            var name = new Span(Languages.isEnglish(l) ? "English" : "Tiếng Việt");
            name.addClassName("language-name");
            return new Span(code, name);
        }));
        setValue(Languages.isEnglish(UI.getCurrent().getLocale()) ? Languages.ENGLISH : Languages.VIETNAMESE);
        setId("language");
        addClassName("language-switch");
        setAriaLabel("Ngôn ngữ / Language");
        addValueChangeListener(e -> {
            if (!e.isFromClient() || e.getValue() == null) {
                return;
            }
            VaadinResponse response = VaadinService.getCurrentResponse();
            if (response != null) {
                Cookie cookie = new Cookie(Languages.COOKIE, Languages.isEnglish(e.getValue()) ? "en" : "vi");
                cookie.setPath("/");
                cookie.setMaxAge(365 * 24 * 3600);
                cookie.setHttpOnly(true);
                response.addCookie(cookie);
            }
            VaadinSession.getCurrent().setLocale(e.getValue());
            UI.getCurrent().getPage().reload();
        });
    }
}
