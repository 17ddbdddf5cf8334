package vn.tinnhiem.election;

/** A member of the tally board; seat i holds key share i. One of them heads the board. */
public record Teller(long id, int seat, String fullName, boolean head) {
}
