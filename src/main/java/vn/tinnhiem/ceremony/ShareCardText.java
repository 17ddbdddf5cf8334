package vn.tinnhiem.ceremony;

import java.util.Locale;

import vn.tinnhiem.crypto.ShareCards;

/**
 * A share card's text as people see it: printed in groups of four characters to be typed back, and
 * typed text turned back into the card text the reader takes.
 */
public final class ShareCardText {

    private ShareCardText() {
    }

    /** "TN1S: ABCD EFGH …": the prefix, then the base32 in groups of 4 (the last may be shorter). */
    public static String grouped(String cardText) {
        String t = cardText.strip();
        String body = t.startsWith(ShareCards.PREFIX) ? t.substring(ShareCards.PREFIX.length()) : t;
        StringBuilder out = new StringBuilder(t.length() + t.length() / 4 + 2).append(ShareCards.PREFIX);
        for (int i = 0; i < body.length(); i += 4) {
            out.append(' ').append(body, i, Math.min(body.length(), i + 4));
        }
        return out.toString();
    }

    /**
     * What a person typed (or a scanner sent), as a card text: spaces, line breaks and dashes dropped,
     * upper case, the prefix added when it was left out, and the digits base32 lacks read as the
     * letters they are mistaken for (0 as O, 1 as I, 8 as B). Whether it is a good card is the reader's
     * question ({@link ShareCards#read}): its checksum catches any other slip.
     */
    public static String fromTyped(String typed) {
        String t = typed.replaceAll("[\\s\\-\u00a0]+", "").toUpperCase(Locale.ROOT);
        String body = t.startsWith(ShareCards.PREFIX) ? t.substring(ShareCards.PREFIX.length()) : t;
        return ShareCards.PREFIX + body.replace('0', 'O').replace('1', 'I').replace('8', 'B');
    }
}
