package vn.tinnhiem.shared.i18n;

import java.util.List;
import java.util.Locale;

/** The languages the UI speaks: Vietnamese first, English second. */
public final class Languages {

    public static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> ALL = List.of(VIETNAMESE, ENGLISH);
    /** Remembers a visitor's choice of language between sessions. */
    public static final String COOKIE = "tinnhiem-lang";

    private Languages() {
    }

    public static Locale fromTag(String tag) {
        return "en".equalsIgnoreCase(tag) ? ENGLISH : VIETNAMESE;
    }

    public static boolean isEnglish(Locale locale) {
        return "en".equals(locale.getLanguage());
    }
}
