package vn.tinnhiem.ceremony;

/** One seat of the tally board in the ceremony: whose it is, and how far its card has come. */
public record SeatCard(int seat, String tellerName, boolean head, boolean issued, boolean passphrase, boolean checked) {
}
