package vn.tinnhiem.shared.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * What a failed unit of work says about the database, read from the MariaDB error under whatever Spring or jOOQ
 * wrapped it in (Spring translates 1213 to a {@code PessimisticLockingFailureException}, 1205 to a
 * {@code CannotAcquireLockException}, a dropped connection to a {@code DataAccessResourceFailureException} or
 * {@code TransientDataAccessResourceException}, depending on the path): the error code and SQL state are the one
 * thing every path keeps.
 */
public enum DatabaseFailure {

    /** Not the database's doing (a refusal, a bug, a constraint): never retried. */
    NONE,

    /**
     * The transaction lost a race and was rolled back whole: 1213 (an InnoDB deadlock, or on Galera a
     * certification failure reported at commit) or 1205 (a lock wait timed out; the statement failed, and the
     * unit rolls back). Nothing of it was stored: running it again is safe.
     */
    CONFLICT,

    /**
     * The connection broke while the unit ran (a node killed, Connector/J's sequential URL moving on to the next
     * host). If the commit had been sent, it may have succeeded all the same.
     */
    CONNECTION_LOST,

    /**
     * No database to work with: no connection could be had within the pool's timeout (every host refused or is
     * gone), or the node has lost its cluster's quorum and refuses all work (1047, "WSREP has not yet prepared
     * node for application use"). Retrying at once would only make the user wait longer.
     */
    UNAVAILABLE;

    /** MariaDB's deadlock (and Galera's certification failure). */
    static final int DEADLOCK = 1213;
    static final int LOCK_WAIT_TIMEOUT = 1205;
    /** ER_UNKNOWN_COM_ERROR, which a Galera node without quorum answers to every statement. */
    static final int WSREP_NOT_READY = 1047;
    /** ER_CONNECTION_KILLED: the server dropped the connection (a node shutting down, an operator's KILL). */
    static final int CONNECTION_KILLED = 1927;

    /** Classifies a failure by the first SQL error found under it. */
    public static DatabaseFailure of(Throwable failure) {
        boolean noConnection = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseBusyException || t instanceof DatabaseUnavailableException) {
                // Already decided by an inner retry: not to be retried again.
                return NONE;
            }
            if (t instanceof CannotCreateTransactionException) {
                noConnection = true;
            }
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != t) {
                // The rollback failed after the work did (a dead connection cannot roll back): the work's failure
                // says what happened; the server rolled the transaction back when the connection went.
                DatabaseFailure first = of(rollback.getApplicationException());
                if (first != NONE) {
                    return first;
                }
            }
            if (t instanceof SQLException sql) {
                DatabaseFailure found = of(sql, noConnection);
                if (found != NONE) {
                    return found;
                }
            }
        }
        return NONE;
    }

    private static DatabaseFailure of(SQLException sql, boolean noConnection) {
        int code = sql.getErrorCode();
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (code == DEADLOCK || code == LOCK_WAIT_TIMEOUT || state.equals("40001")) {
            return CONFLICT;
        }
        if (code == WSREP_NOT_READY) {
            // Its SQL state is 08S01, but the connection is fine: the node refuses work.
            return UNAVAILABLE;
        }
        if (code == CONNECTION_KILLED || state.startsWith("08") || sql instanceof SQLTransientConnectionException
                || sql instanceof SQLNonTransientConnectionException) {
            // Hikari gives up on getConnection only after its own timeout, having tried every host: down.
            return noConnection ? UNAVAILABLE : CONNECTION_LOST;
        }
        return NONE;
    }

    /** Whether the user should be told the database is down or busy rather than "something unexpected". */
    public boolean isDatabase() {
        return this != NONE;
    }
}
