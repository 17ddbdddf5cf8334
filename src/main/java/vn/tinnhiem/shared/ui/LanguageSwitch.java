package vn.tinnhiem.shared.ui;

import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;

import jakarta.servlet.http.Cookie;
import vn.tinnhiem.shared.i18n.Languages;

/** Tiếng Việt / English: applies to the whole session and is remembered in a cookie. */
public class LanguageSwitch extends Select<Locale> {

    public LanguageSwitch() {
        setItems(Languages.ALL);
        setItemLabelGenerator(l -> Languages.isEnglish(l) ? "English" : "Tiếng Việt");
        setValue(Languages.isEnglish(UI.getCurrent().getLocale()) ? Languages.ENGLISH : Languages.VIETNAMESE);
        setId("language");
        setWidth("9em");
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
