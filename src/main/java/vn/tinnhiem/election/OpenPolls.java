package vn.tinnhiem.election;

import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.election.internal.ConferenceRows;
import vn.tinnhiem.election.internal.OpenGate;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.RetriedWhenBusy;

/**
 * The seam between the work done while the polls are OPEN (casts, ticks, activations in other modules) and the
 * close: that work holds the conference's row in share mode and passes through its {@link OpenGate}; the close
 * takes the row for update and shuts the gate. No staff role here: each caller authorises its own caller.
 */
@Service
@RetriedWhenBusy
public class OpenPolls {

    private final ConferenceRows rows;
    private final OpenGate gate;

    OpenPolls(ConferenceRows rows, OpenGate gate) {
        this.rows = rows;
        this.gate = gate;
    }

    /**
     * Takes the conference's row lock for update as the first statement of the caller's transaction and returns
     * the conference as it stands then: what the caller reads afterwards includes every cast, tick and activation
     * that committed while it waited (take the lock, then read what you freeze; see {@code LockFirst}).
     *
     * <p>While the polls are OPEN (the close) it also writes every row of the conference's {@link OpenGate}, before
     * any plain read fixes the snapshot: on a Galera cluster the row lock holds on this node only, and it is these
     * writes that make a cast through another node either land before this snapshot or conflict with this
     * transaction (error 1213: one of the two is retried and sees the other).
     *
     * @throws IllegalStateException if the caller's transaction already ran a statement
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Election lockFirst(ElectionId electionId) {
        Election election = rows.locked(electionId);
        if (election.status() == ElectionStatus.OPEN) {
            gate.shut(electionId);
        }
        return election;
    }

    /**
     * Runs {@code work} in the caller's transaction while the polls are OPEN: the election row is locked in
     * share mode until that transaction ends, and closing takes it for update, so a cast is either wholly in
     * before the close commits or refused after it; never half, never after. Casts do not wait on each
     * other. The caller authorises its own caller (a kiosk is not a staff session), and its work must not
     * write the election row (that would turn two casts' share locks into a deadlock) nor the audit log.
     * Its last write is one row of the conference's {@link OpenGate}, which the close writes whole: on a Galera
     * cluster, where the share lock holds on one node only, that is what makes a cast through another node
     * conflict with a concurrent close at certification instead of slipping past it.
     *
     * @throws UserFacingException {@code election.error.notOpen} when the conference is not OPEN
     */
    @Transactional
    public <T> T whileOpen(ElectionId electionId, Supplier<T> work) {
        Election election = rows.lockedShared(electionId);
        if (election.status() != ElectionStatus.OPEN) {
            throw new UserFacingException("election.error.notOpen", "status." + election.status().name());
        }
        T result = work.get();
        gate.passThrough(electionId);
        return result;
    }
}
