package vn.tinnhiem.shared.database;

import vn.tinnhiem.shared.UserFacingException;

/**
 * The database cannot be reached or refuses all work (a cluster without quorum): nothing was done, and trying
 * again at once will not help. The screen says so, and to tell the administrator ({@link DatabaseFailure#UNAVAILABLE}).
 */
public class DatabaseUnavailableException extends UserFacingException {

    public static final String KEY = "error.databaseUnavailable";

    public DatabaseUnavailableException(Throwable cause) {
        super(KEY);
        initCause(cause);
    }
}
