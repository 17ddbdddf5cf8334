package vn.tinnhiem.count;

import java.util.List;
import java.util.Optional;

/**
 * Where the unsealing stands: k of n seats needed, each seat's partial decryption accepted or not (and by
 * which path), whether the box held no ballot at all (nothing to decrypt), and whether the count is done.
 * The ballots counted, the key's fingerprint and the hash of the encrypted totals are shown so the tellers
 * compare them with what the offline laptop shows before decrypting: the laptop decrypts whatever totals it
 * is given, and a forged "total" of one ballot would reveal that ballot.
 */
public record Unsealing(int k, int n, List<Seat> seats, boolean noBallots, boolean counted, int ballots,
        String keyFingerprint, String totalsHash) {

    public Unsealing {
        seats = List.copyOf(seats);
    }

    /** A seat of the board; {@code path} is HALL or OFFLINE once its partial decryption is accepted. */
    public record Seat(int seat, String name, boolean head, Optional<String> path) {}

    public int accepted() {
        return (int) seats.stream().filter(s -> s.path().isPresent()).count();
    }
}
