package vn.tinnhiem.shared.database;

/**
 * The embedded server could not start (or start again), with a message that says what to do: the board
 * reads it on the console ({@link EmbeddedDatabaseFailureAnalyzer}), with no one to ask.
 */
public final class EmbeddedDatabaseException extends RuntimeException {

    EmbeddedDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
