package vn.tinnhiem.shared.database;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a unit of work in a transaction of its own and runs it again, a few times and after a short random pause,
 * when the database says it lost a race ({@link DatabaseFailure#CONFLICT}: a deadlock, a Galera certification
 * failure at commit, a lock wait timed out) or its connection broke before the commit
 * ({@link DatabaseFailure#CONNECTION_LOST}, as at a failover to the next node). Each attempt is a new transaction,
 * so it reads the world afresh; only a whole unit may be retried, never a part of someone else's transaction:
 * called inside a transaction it would join, it runs once and leaves the retry to the unit that owns it.
 *
 * <p>When the tries run out: {@link DatabaseBusyException}. A database that is not there at all:
 * {@link DatabaseUnavailableException} at once (the pool has waited already). A connection lost after the unit's
 * work was done is a commit whose outcome is unknown: retried only when the caller can tell whether its first
 * attempt was stored after all ({@code alreadyDone}); otherwise the user is told to look and try again.
 *
 * <p>Pair it with {@link LockFirst}: a retried unit starts a new transaction, so its first statement is again
 * the lock it must take first.
 */
public final class DatabaseRetry {

    /** Attempts in all, the first included. */
    public static final int ATTEMPTS = 3;
    /** The pause before the n-th retry is between BASE·2^(n-1) and three times that, chosen at random. */
    private static final long BASE_PAUSE_MILLIS = 20;

    private DatabaseRetry() {
    }

    /** Where an attempt got to: whether its work returned, so that a failure after it came from the commit. */
    public static final class Progress {
        private boolean workDone;

        /** The unit's work returned; only its commit remains. */
        public void workDone() {
            workDone = true;
        }
    }

    /** One attempt of a unit, in a transaction the attempt itself begins and ends. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(Progress progress) throws Throwable;
    }

    /** Runs {@code work} in {@code transaction} (a new one per attempt), retried as the class says. */
    public static <T> T inTransaction(TransactionTemplate transaction, TransactionCallback<T> work) {
        return inTransaction(transaction, work, null);
    }

    /**
     * As {@link #inTransaction(TransactionTemplate, TransactionCallback)}, and before every retry asks
     * {@code alreadyDone} whether the previous attempt was stored after all (its commit succeeded and only the
     * answer was lost): if it gives a result, that is the unit's result and nothing runs again.
     */
    public static <T> T inTransaction(TransactionTemplate transaction, TransactionCallback<T> work,
            @Nullable Supplier<Optional<T>> alreadyDone) {
        if (joins(transaction)) {
            return transaction.execute(work);
        }
        try {
            return run(progress -> transaction.execute(status -> {
                T result = work.doInTransaction(status);
                progress.workDone();
                return result;
            }), alreadyDone, true, false);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The loop itself, for callers that begin the transaction another way ({@link RetriedWhenBusyInterceptor}).
     *
     * @param tracked whether the attempt reports {@link Progress#workDone}, so a connection lost before it is
     *        known not to have committed
     * @param readOnly whether the unit writes nothing, so a connection lost at any point is safe to retry
     */
    static <T> T run(Attempt<T> attempt, @Nullable Supplier<Optional<T>> alreadyDone, boolean tracked,
            boolean readOnly) throws Throwable {
        Throwable last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            if (i > 0) {
                pause(i);
                if (alreadyDone != null) {
                    Optional<T> done = alreadyDone.get();
                    if (done.isPresent()) {
                        return done.get();
                    }
                }
            }
            Progress progress = new Progress();
            try {
                return attempt.run(progress);
            } catch (Throwable e) {
                switch (DatabaseFailure.of(e)) {
                    case NONE -> throw e;
                    case UNAVAILABLE -> throw new DatabaseUnavailableException(e);
                    case CONNECTION_LOST -> {
                        boolean mayHaveCommitted = !readOnly && (progress.workDone || !tracked);
                        if (mayHaveCommitted && alreadyDone == null) {
                            throw new DatabaseBusyException(e);
                        }
                    }
                    case CONFLICT -> {
                        // Rolled back whole: safe to run again.
                    }
                }
                last = e;
            }
        }
        if (alreadyDone != null) {
            Optional<T> done = alreadyDone.get();
            if (done.isPresent()) {
                return done.get();
            }
        }
        throw new DatabaseBusyException(last);
    }

    private static boolean joins(TransactionTemplate transaction) {
        int propagation = transaction.getPropagationBehavior();
        return TransactionSynchronizationManager.isActualTransactionActive()
                && propagation != TransactionDefinition.PROPAGATION_REQUIRES_NEW
                && propagation != TransactionDefinition.PROPAGATION_NOT_SUPPORTED;
    }

    private static void pause(int retry) {
        long base = BASE_PAUSE_MILLIS << (retry - 1);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(base, 3 * base + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
