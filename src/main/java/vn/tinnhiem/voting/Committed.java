package vn.tinnhiem.voting;

import java.util.concurrent.atomic.AtomicBoolean;

import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.shared.ElectionId;

/**
 * A sealed ballot the server accepted as a commitment ({@link Commitment.Accepted}): every proof checked
 * against the open conference's manifest. Opaque: only {@link VotingService} makes one, so a cast or a check
 * can trust it was verified. It holds ciphertexts and proofs, never a choice. Once checked it can no longer be
 * cast (its nonces are revealed): the voter marks and seals again.
 */
public final class Committed {

    private final ElectionId electionId;
    private final String manifestHash;
    private final SealedBallot ballot;
    private final AtomicBoolean checked = new AtomicBoolean();

    Committed(ElectionId electionId, String manifestHash, SealedBallot ballot) {
        this.electionId = electionId;
        this.manifestHash = manifestHash;
        this.ballot = ballot;
    }

    public ElectionId electionId() {
        return electionId;
    }

    /** The tracking code the sealed bytes give: shown to the voter with the choice of cast or check. */
    public String trackingCode() {
        return ballot.trackingCode();
    }

    /** Whether the ballot was opened for a check (it can no longer be cast). */
    public boolean checked() {
        return checked.get();
    }

    String manifestHash() {
        return manifestHash;
    }

    SealedBallot ballot() {
        return ballot;
    }

    /** Marks it checked; false if it already was. */
    boolean markChecked() {
        return checked.compareAndSet(false, true);
    }

    /** Says nothing of the ballot but its id. */
    @Override
    public String toString() {
        return "Committed[" + ballot.id() + "]";
    }
}
