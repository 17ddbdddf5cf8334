package vn.tinnhiem.shared.database;

import java.util.HashSet;
import java.util.Set;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Take the lock, then read what you freeze. Under REPEATABLE READ (MariaDB's default) the first plain read of a
 * transaction fixes its snapshot; a lock taken after it waits for the writers ahead of it, and the reads that
 * follow still see the world as it was before those writers committed. A close that checked the board before it
 * locked the conference froze the cards spent and the box digest without the last casts.
 *
 * <p>So a lock that guards what a transaction then reads and freezes must be that transaction's first statement.
 * This listener counts the statements of each transaction, and {@link #beforeLock} refuses a lock taken late:
 * a programming error, caught by the first test that runs the path. Taking the same lock again later in the same
 * transaction (a service that locked, then calls another that locks the same row) is fine.
 *
 * <p>Its per-transaction bookkeeping also tells {@link DatabaseRetry} when a transaction starts to commit.
 */
public final class LockFirst implements ExecuteListener {

    private static final Object KEY = new Object();

    private static final class Statements {
        int count;
        final Set<String> held = new HashSet<>();
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        Statements s = current();
        if (s != null) {
            s.count++;
        }
    }

    /**
     * Call just before the statement that takes {@code lock} (a name such as {@code election:7}).
     *
     * @throws IllegalStateException if this transaction ran a statement before it, without holding the lock
     */
    public static void beforeLock(String lock) {
        Statements s = current();
        if (s == null || s.held.contains(lock)) {
            return;
        }
        if (s.count > 0) {
            throw new IllegalStateException("Take the lock, then read what you freeze: " + lock + " is locked after "
                    + s.count + " statement(s) of this transaction, whose snapshot may already miss what committed"
                    + " while the lock was awaited (docs/architecture.md)");
        }
        s.held.add(lock);
    }

    /**
     * Records that this transaction holds {@code lock} without having asked for it: it inserted the row, which
     * InnoDB keeps locked to it until the end, so nobody else can have changed it behind its snapshot.
     */
    public static void holding(String lock) {
        Statements s = current();
        if (s != null) {
            s.held.add(lock);
        }
    }

    private static Statements current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Statements s = (Statements) TransactionSynchronizationManager.getResource(KEY);
        if (s == null) {
            Statements fresh = new Statements();
            TransactionSynchronizationManager.bindResource(KEY, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResource(KEY);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(KEY, fresh);
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    // From here a lost connection may have lost only the commit's answer: not to be retried blindly.
                    DatabaseRetry.reachedCommit();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
            s = fresh;
        }
        return s;
    }
}
