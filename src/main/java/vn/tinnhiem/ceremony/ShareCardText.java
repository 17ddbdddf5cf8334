package vn.tinnhiem.ceremony;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

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

    /** A refusal to say at the field: an i18n key and its arguments (never any part of the code itself). */
    public record Refusal(String key, List<Object> args) {
        public Refusal {
            args = List.copyOf(args);
        }
    }

    /**
     * Why a card text was refused, in the words a person typing it needs: for a slip in the typing (a
     * character no card has, a group too short or too long, a checksum that fails) the group of four to look at,
     * counted as printed on the card, where the text allows it to be known; otherwise the reader's own reason.
     * The card has one checksum for the whole code, no check per group: a group is named when the typed
     * groups' lengths show it, when one character is outside the card's alphabet, or when changing a single
     * character would make the checksum hold ({@link ShareCards#typoPosition}). Otherwise the message says the
     * code has a slip somewhere, to compare group by group.
     */
    public static Refusal refusal(String typed, ShareCards.Reason reason) {
        String generic = "ceremony.check." + reason.name();
        if (reason != ShareCards.Reason.BAD_CHARACTERS && reason != ShareCards.Reason.WRONG_LENGTH
                && reason != ShareCards.Reason.CHECKSUM_MISMATCH) {
            return new Refusal(generic, List.of());
        }
        String card = fromTyped(typed);
        String body = card.substring(ShareCards.PREFIX.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '2' && c <= '7')) {
                return new Refusal("card.typo.character", List.of(i / 4 + 1));
            }
        }
        int expected = Math.abs(body.length() - ShareCards.PLAIN_LENGTH) <= Math.abs(body.length()
                - ShareCards.SEALED_LENGTH) ? ShareCards.PLAIN_LENGTH : ShareCards.SEALED_LENGTH;
        if (body.length() != expected) {
            return groupOfWrongLength(typed, expected).orElseGet(() -> new Refusal("card.typo.length",
                    List.of(body.length(), expected, groups(expected))));
        }
        if (reason == ShareCards.Reason.BAD_CHARACTERS) {
            // Every character is one a card has, and the length is right: the last group's final character
            // carries bits no card sets.
            return new Refusal("card.typo.group", List.of(groups(expected)));
        }
        OptionalInt at = ShareCards.typoPosition(card);
        if (at.isPresent()) {
            return new Refusal("card.typo.group", List.of(at.getAsInt() / 4 + 1));
        }
        return new Refusal("card.typo.somewhere", List.of());
    }

    /** When the person typed the groups apart (as printed), the first one of another length than printed. */
    private static Optional<Refusal> groupOfWrongLength(String typed, int expected) {
        String t = typed.strip();
        if (t.toUpperCase(Locale.ROOT).startsWith(ShareCards.PREFIX)) {
            t = t.substring(ShareCards.PREFIX.length());
        }
        String[] typedGroups = t.strip().split("[\\s\\-\u00a0]+");
        if (typedGroups.length < 2) {
            return Optional.empty();
        }
        int last = expected % 4 == 0 ? 4 : expected % 4;
        for (int g = 0; g < typedGroups.length; g++) {
            int should = g == groups(expected) - 1 ? last : 4;
            if (g >= groups(expected) || typedGroups[g].length() != should) {
                return Optional.of(new Refusal("card.typo.groupLength", List.of(g + 1, typedGroups[g].length(), should)));
            }
        }
        // Every typed group is right, so some groups are missing at the end.
        return Optional.of(new Refusal("card.typo.missingGroups", List.of(typedGroups.length, groups(expected))));
    }

    private static int groups(int characters) {
        return (characters + 3) / 4;
    }
}
