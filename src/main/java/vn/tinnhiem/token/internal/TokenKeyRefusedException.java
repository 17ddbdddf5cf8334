package vn.tinnhiem.token.internal;

import java.nio.file.Path;
import java.util.Locale;

import vn.tinnhiem.shared.i18n.Translations;

/**
 * This instance's voting cards' key is not the one the database was set up with, or it has none while the
 * database names one: the instance refuses to start. The message is in Vietnamese, then English, and says
 * which file to copy from where; it names the key file's path and never a byte of any key.
 */
public final class TokenKeyRefusedException extends IllegalStateException {

    private final String problem;
    private final String action;

    private TokenKeyRefusedException(String problemKey, Path path) {
        super(both(problemKey, path) + System.lineSeparator() + both("tokenKey.refused.action", path));
        this.problem = both(problemKey, path);
        this.action = both("tokenKey.refused.action", path);
    }

    static TokenKeyRefusedException differs(Path path) {
        return new TokenKeyRefusedException("tokenKey.refused.differs", path);
    }

    static TokenKeyRefusedException missing(Path path) {
        return new TokenKeyRefusedException("tokenKey.refused.missing", path);
    }

    /** What is wrong, in Vietnamese and in English. */
    public String problem() {
        return problem;
    }

    /** What the operator does about it, in Vietnamese and in English. */
    public String action() {
        return action;
    }

    private static String both(String key, Path path) {
        return Translations.translate(key, Locale.ROOT, path.toString()) + System.lineSeparator()
                + Translations.translate(key, Locale.ENGLISH, path.toString());
    }
}
