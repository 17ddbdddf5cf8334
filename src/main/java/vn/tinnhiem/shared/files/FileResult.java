package vn.tinnhiem.shared.files;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import vn.tinnhiem.shared.i18n.Translations;

/**
 * The outcome of reading a file (the ceremony's, docs/protocol.md 10.1's of the count): the value, or the
 * reason it was refused as an i18n key ({@code ceremony.file.*}, {@code count.file.*}) with its arguments.
 * Reading never throws.
 */
public sealed interface FileResult<T> {

    record Ok<T>(T value) implements FileResult<T> {
    }

    record Refused<T>(String reasonKey, List<Object> args) implements FileResult<T> {

        public Refused {
            args = List.copyOf(args);
        }

        public Refused(String reasonKey, Object... args) {
            this(reasonKey, Arrays.asList(args));
        }

        /** The reason in a person's words. */
        public String message(Locale locale) {
            return Translations.translate(reasonKey, locale, args.toArray());
        }
    }
}
