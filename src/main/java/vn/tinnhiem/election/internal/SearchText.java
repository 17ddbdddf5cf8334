package vn.tinnhiem.election.internal;

import java.text.Normalizer;
import java.util.Locale;

/** A name typed into a roll search (the roll tab, the desk), folded the one way both search the roll. */
public final class SearchText {

    private SearchText() {
    }

    /** Without diacritics, lower case, single spaces; đ as d (it has no decomposition to strip). */
    public static String fold(String text) {
        String bare = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return bare.replace('đ', 'd').replace('Đ', 'd').toLowerCase(Locale.ROOT).strip()
                .replaceAll("\\s+", " ");
    }

    /** A page of at most 500 rows from a non-negative offset: a screen never asks for more. */
    public static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw new IllegalArgumentException("offset " + offset + ", limit " + limit);
        }
    }
}
