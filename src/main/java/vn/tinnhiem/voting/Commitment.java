package vn.tinnhiem.voting;

/**
 * What became of a tablet's sealed ballot sent as a commitment ({@link VotingService#commit}): nothing is spent
 * and nothing stored either way.
 */
public sealed interface Commitment {

    /**
     * Every check held: the ballot is committed and the voter may now cast it or check the tablet with it.
     * {@code checkOnly}: the card is a check card, which may only check.
     */
    record Accepted(Committed ballot, boolean checkOnly) implements Commitment {}

    /**
     * The card or the polls refuse it, as {@link Admission.Refused}: {@code reasonKey} a {@code voting.refuse.*}
     * key, {@code seconds} the wait for {@code voting.refuse.tooManyAttempts}. The card is as it was.
     */
    record Refused(String reasonKey, int seconds) implements Commitment {
        public Refused(String reasonKey) {
            this(reasonKey, 0);
        }
    }

    /**
     * The tablet is at fault: what it sent is not a valid ballot of this conference's open manifest (the
     * manifest hash, the size, a proof, the tracking code, or a ballot already stored). {@code reasonKey} is a
     * {@code voting.fault.*} key whose text sends the voter to the tally board's desk; the card stays usable,
     * and the audit log has the kiosk fault (which tablet, which check, no content).
     */
    record Faulty(String reasonKey) implements Commitment {}
}
