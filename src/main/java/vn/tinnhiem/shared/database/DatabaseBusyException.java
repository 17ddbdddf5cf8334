package vn.tinnhiem.shared.database;

import vn.tinnhiem.shared.UserFacingException;

/**
 * A unit of work lost its race with others every time it was tried ({@link DatabaseRetry}): nothing of it was
 * stored, or (a connection lost at commit) its outcome is unknown. The screen says "Hệ thống đang bận, xin vui
 * lòng thử lại." where the user acted, as it shows any refusal.
 */
public class DatabaseBusyException extends UserFacingException {

    public static final String KEY = "error.databaseBusy";

    public DatabaseBusyException(Throwable cause) {
        super(KEY);
        initCause(cause);
    }
}
