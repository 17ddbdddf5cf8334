package vn.tinnhiem.ceremony;

import java.util.Optional;

/**
 * One seat of the tally board in the ceremony: whose it is (the teller, and the TELLER account that alone may
 * take the card), and how far its card has come.
 */
public record SeatCard(int seat, String tellerName, boolean head, Optional<String> account, boolean issued,
        boolean passphrase, boolean checked) {
}
