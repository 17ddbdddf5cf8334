package vn.tinnhiem.ceremony;

import java.util.Optional;

/**
 * The rule for a share card's passphrase, the same in the browser and on the offline laptop: at least
 * {@link #MIN_LENGTH} characters, not only spaces. The card's Argon2id (64 MiB, 3 passes) makes each
 * guess slow; the length makes guessing hopeless.
 */
public final class CardPassphrase {

    public static final int MIN_LENGTH = 12;

    private CardPassphrase() {
    }

    /**
     * The i18n key of what is wrong with a passphrase ({@code ceremony.passphrase.blank}, or
     * {@code ceremony.passphrase.tooShort} with {@link #MIN_LENGTH} as its argument), or empty when it
     * will do. The length counts the code points of the NFC form, as the card's key derivation reads
     * it, so a Vietnamese letter counts once however the keyboard composed it. (The NFC form is a
     * String that cannot be wiped; it is dropped at once, as in the card's own key derivation.)
     */
    public static Optional<String> problem(char[] passphrase) {
        boolean blank = true;
        for (char c : passphrase) {
            blank &= Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
        if (blank) {
            return Optional.of("ceremony.passphrase.blank");
        }
        String nfc = java.text.Normalizer.normalize(java.nio.CharBuffer.wrap(passphrase),
                java.text.Normalizer.Form.NFC);
        if (nfc.codePointCount(0, nfc.length()) < MIN_LENGTH) {
            return Optional.of("ceremony.passphrase.tooShort");
        }
        return Optional.empty();
    }
}
