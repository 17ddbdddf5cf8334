package vn.tinnhiem.election.internal;

import java.text.Normalizer;

import vn.tinnhiem.shared.UserFacingException;

/** Text typed by the organiser (titles, names): cleaned the one way every election service accepts it. */
public final class TypedText {

    public static final int MAX_TITLE = 500;
    public static final int MAX_FIELD = 300;
    public static final int MAX_NAME = 200;

    private TypedText() {
    }

    /** As {@link #optional}, and refused with {@code key} when empty. */
    public static String required(String value, int max, String key) {
        String v = optional(value, max);
        if (v.isEmpty()) {
            throw new UserFacingException(key);
        }
        return v;
    }

    /** Trimmed and composed (NFC); no control or invisible formatting characters; not too long. */
    public static String optional(String value, int max) {
        String v = value == null ? "" : Normalizer.normalize(value, Normalizer.Form.NFC).strip();
        if (v.length() > max) {
            throw new UserFacingException("common.error.tooLong", max);
        }
        if (RollImporter.hasHiddenCharacters(v)) {
            throw new UserFacingException("common.error.hiddenCharacters");
        }
        return v;
    }
}
