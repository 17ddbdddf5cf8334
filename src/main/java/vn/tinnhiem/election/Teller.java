package vn.tinnhiem.election;

import java.util.Optional;

/**
 * A member of the tally board; seat i holds key share i. One of them heads the board. The seat is tied
 * to the TELLER account of the person who sits there (empty until the organiser ties it).
 */
public record Teller(long id, int seat, String fullName, boolean head, Optional<String> account) {

    public Teller(long id, int seat, String fullName, boolean head) {
        this(id, seat, fullName, head, Optional.empty());
    }
}
