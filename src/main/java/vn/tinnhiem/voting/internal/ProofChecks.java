package vn.tinnhiem.voting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import vn.tinnhiem.crypto.BallotCheck;
import vn.tinnhiem.crypto.BallotVerifier;
import vn.tinnhiem.crypto.SealedBallot;

/**
 * The proof checks of the ballots tablets commit, for one conference's manifest. Checking is pure CPU: at most
 * one check per core runs at a time, first come first served (a fair semaphore), so a burst is checked in the
 * order it arrived instead of all of it slowing down together (the tail latency). A caller that gets a core takes
 * its own ballot and every other one waiting (up to {@value #MAX_BATCH}) and checks them together with one random
 * linear combination ({@link BallotVerifier#verifyAll}), which costs about a third of checking them one by one;
 * a combination that fails falls back to checking each ballot of it alone, so one bad ballot is named and the
 * others pass. Alone, a ballot is checked alone: at a hall's pace nobody waits for a batch to fill.
 */
public final class ProofChecks {

    static final int MAX_BATCH = 32;

    private final BallotVerifier verifier;
    private final Semaphore cores;
    private final ConcurrentLinkedQueue<Job> waiting = new ConcurrentLinkedQueue<>();

    /** @param cores shared by every conference's checks: one permit per core */
    public ProofChecks(BallotVerifier verifier, Semaphore cores) {
        this.verifier = verifier;
        this.cores = cores;
    }

    private static final class Job {
        final SealedBallot ballot;
        final AtomicBoolean taken = new AtomicBoolean();
        final CompletableFuture<BallotCheck> result = new CompletableFuture<>();

        Job(SealedBallot ballot) {
            this.ballot = ballot;
        }
    }

    /** Every proof of the ballot (as {@link BallotVerifier#verify}): no failures means every check holds. */
    public BallotCheck check(SealedBallot ballot) {
        Job mine = new Job(ballot);
        waiting.add(mine);
        cores.acquireUninterruptibly();
        try {
            if (mine.taken.compareAndSet(false, true)) {
                waiting.remove(mine);
                List<Job> batch = new ArrayList<>();
                batch.add(mine);
                Job other;
                while (batch.size() < MAX_BATCH && (other = waiting.poll()) != null) {
                    if (other.taken.compareAndSet(false, true)) {
                        batch.add(other);
                    }
                }
                run(batch);
            }
        } finally {
            cores.release();
        }
        // Taken by another caller, which holds a core and completes it.
        return mine.result.join();
    }

    private void run(List<Job> batch) {
        try {
            if (batch.size() == 1) {
                batch.getFirst().result.complete(verifier.verify(batch.getFirst().ballot));
                return;
            }
            List<SealedBallot> ballots = batch.stream().map(j -> j.ballot).toList();
            BallotVerifier.BatchResult result = verifier.verifyAll(ballots, false);
            BallotCheck[] checks = new BallotCheck[batch.size()];
            result.rejected().forEach(r -> checks[r.index()] = r.check());
            for (int i = 0; i < batch.size(); i++) {
                SealedBallot b = ballots.get(i);
                batch.get(i).result.complete(checks[i] != null ? checks[i]
                        : new BallotCheck(b.id(), b.trackingCode(), List.of()));
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(j -> j.result.completeExceptionally(e));
            throw e;
        }
    }
}
