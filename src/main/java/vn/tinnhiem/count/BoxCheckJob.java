package vn.tinnhiem.count;

import java.util.concurrent.CompletableFuture;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;

/**
 * The box check run for a screen: on a worker thread, under the sign-in of the teller who started it, telling
 * the screen how far it is (the ballots done and the time left at the pace so far) and how it ended. The check
 * itself and its checks of who may are {@link BoxCheck}'s; the screen only renders what it hears.
 */
@Service
public class BoxCheckJob {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BoxCheckJob.class);

    /** What the screen hears, on the worker thread: it hands each to its own UI thread. */
    public interface Listener {

        void progress(Progress progress);

        void done();

        /** Refused by the service (not on the board, not closed...): nothing was stored. */
        void refused(UserFacingException refusal);

        /** Failed unexpectedly (logged here): nothing was stored, so the board can check again. */
        void failed();
    }

    /** @param secondsLeft at the pace so far; 0 before the first batch is done */
    public record Progress(int done, int of, long secondsLeft) {

        /** The share done, for a progress bar (1 for an empty box). */
        public double fraction() {
            return of == 0 ? 1 : (double) done / of;
        }
    }

    private final BoxCheck boxCheck;

    BoxCheckJob(BoxCheck boxCheck) {
        this.boxCheck = boxCheck;
    }

    /** Starts the check and returns at once; the listener hears the progress and the end. */
    public void start(ElectionId electionId, Listener listener) {
        SecurityContext security = SecurityContextHolder.getContext();
        long started = System.nanoTime();
        int stored = boxCheck.storedBallots(electionId);
        CompletableFuture.runAsync(() -> {
            SecurityContextHolder.setContext(security);
            try {
                boxCheck.checkBox(electionId, done -> {
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    int of = Math.max(stored, done);
                    long left = done == 0 ? 0 : Math.round(elapsed * (of - done) / done);
                    listener.progress(new Progress(done, of, left));
                });
                listener.done();
            } catch (UserFacingException ex) {
                listener.refused(ex);
            } catch (RuntimeException ex) {
                LOG.error("The ballot box check of conference {} failed", electionId, ex);
                listener.failed();
            } finally {
                SecurityContextHolder.clearContext();
            }
        });
    }
}
