package vn.tinnhiem.shared.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.springframework.stereotype.Component;

import com.vaadin.flow.i18n.I18NProvider;

/**
 * Every user-visible string comes from the bundles i18n/messages*.properties (UTF-8). Vietnamese is
 * the base bundle, so a key missing in English still shows Vietnamese rather than a blank.
 */
@Component
public class Translations implements I18NProvider {

    private static final String BUNDLE = "i18n.messages";

    @Override
    public List<Locale> getProvidedLocales() {
        return Languages.ALL;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        return translate(key, locale, params);
    }

    /**
     * For code outside a UI (PDFs, the console): the same bundles. Every text goes through MessageFormat,
     * with or without arguments, so a bundle has one rule for quotes (write '' for ') whatever the caller
     * passes; the English bundle once showed "the tally boards desk" where a text had arguments.
     */
    public static String translate(String key, Locale locale, Object... params) {
        String pattern = pattern(key, locale);
        if (pattern.startsWith("!")) {
            return pattern;
        }
        return new MessageFormat(pattern, locale).format(params);
    }

    /**
     * The text as written in the bundle, for texts whose placeholders are names filled by their own code
     * (the audit sentences' {subject}); "!key" when the key is missing.
     */
    public static String pattern(String key, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE,
                Languages.isEnglish(locale) ? Locale.ENGLISH : Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key;
        }
    }
}
