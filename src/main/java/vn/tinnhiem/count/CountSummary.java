package vn.tinnhiem.count;

import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything the count's documents print, gathered by the count once the results are known. Times
 * are the hall's local time.
 *
 * @param board the tally board in seat order, exactly one head
 * @param partials the partial decryptions combined, in the order combined, by seat and path
 * @param countedAt when the results were computed
 */
public record CountSummary(Conference conference, List<Teller> board, Closing closing, Box box,
        List<Partial> partials, ResultTable results, LocalDateTime countedAt, Fingerprints fingerprints) {

    /** The conference as announced: its title, the organising body, the place and the start. */
    public record Conference(String title, String body, String place, LocalDateTime startsAt) {
    }

    /** A member of the tally board. */
    public record Teller(int seat, String name, boolean head) {
    }

    /**
     * The figures recorded when the polls closed.
     *
     * @param summoned voters on the roll
     * @param present voters ticked present
     * @param cardsActivated cards issued (spent included, voided excluded)
     * @param cardsUnspent activated but never used
     */
    public record Closing(int summoned, int present, int cardsActivated, int cardsSpent, int cardsUnspent,
            int cardsVoided, LocalDateTime closedAt) {

        /** At least two thirds of those summoned present (3·P ≥ 2·S). */
        public boolean quorumMet() {
            return 3L * present >= 2L * summoned;
        }
    }

    /**
     * The ballot box as checked before unsealing.
     *
     * @param stored ballot rows stored
     * @param counted ballots accepted and counted
     * @param setAside ballots whose proofs failed
     * @param copies stored ballots not counted because they repeat a counted one
     * @param tampering what the box check found changed behind the count's back
     * @param checked ballots used to check the tablets (docs/protocol.md 5.6): opened, kept apart from the box,
     *     never counted
     */
    public record Box(int stored, int counted, List<SetAside> setAside, List<Copy> copies,
            List<BoxVerdict.Tampering> tampering, int checked) {

        public Box {
            setAside = List.copyOf(setAside);
            copies = List.copyOf(copies);
            tampering = List.copyOf(tampering);
            if (checked < 0) {
                throw new IllegalArgumentException("checked ballots: " + checked);
            }
        }

        public Box(int stored, int counted, List<SetAside> setAside, List<Copy> copies,
                List<BoxVerdict.Tampering> tampering) {
            this(stored, counted, setAside, copies, tampering, 0);
        }

        public Box(int stored, int counted, List<SetAside> setAside, List<Copy> copies) {
            this(stored, counted, setAside, copies, List.of(), 0);
        }
    }

    /** A ballot set aside, by tracking code, with the reasons the check gave. */
    public record SetAside(String trackingCode, List<String> reasons) {

        public SetAside {
            reasons = List.copyOf(reasons);
        }
    }

    /** A ballot counted once only: its tracking code and that of the counted ballot it repeats. */
    public record Copy(String trackingCode, String copyOfTrackingCode) {
    }

    /** How a teller's partial decryption reached the server. */
    public enum Path {
        /** The teller's card was read on the console in the hall. */
        HALL,
        /** A file made on the offline laptop was imported. */
        OFFLINE
    }

    public record Partial(int seat, Path path) {
    }

    /**
     * What ties the paper to the data, each 64 lower-case hex characters.
     *
     * @param manifestHash the manifest's hash (protocol.md 4.1)
     * @param recordHash SHA-256 of the election record file (10.2)
     * @param auditHeadHash the audit log's head when the documents were made
     */
    public record Fingerprints(String manifestHash, String recordHash, String auditHeadHash) {

        private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

        public Fingerprints {
            for (String h : List.of(manifestHash, recordHash, auditHeadHash)) {
                if (!HEX.matcher(h).matches()) {
                    throw new IllegalArgumentException("a fingerprint is 64 lower-case hex characters");
                }
            }
        }
    }

    public CountSummary {
        board = List.copyOf(board);
        partials = List.copyOf(partials);
        if (board.stream().filter(Teller::head).count() != 1) {
            throw new IllegalArgumentException("the tally board needs exactly one head");
        }
        if (results.returned() != box.counted()) {
            throw new IllegalArgumentException("the results count " + results.returned() + " ballots, the box "
                    + box.counted());
        }
    }

    /** Ballots counted minus cards spent: 0 when the box holds exactly one ballot per card used. */
    public int difference() {
        return box.counted() - closing.cardsSpent();
    }

    public Teller head() {
        return board.stream().filter(Teller::head).findFirst().orElseThrow();
    }

    /** The teller in a seat, if the board has one there. */
    public java.util.Optional<Teller> teller(int seat) {
        return board.stream().filter(t -> t.seat() == seat).findFirst();
    }
}
