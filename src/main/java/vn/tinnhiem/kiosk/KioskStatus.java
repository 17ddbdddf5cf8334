package vn.tinnhiem.kiosk;

/** Where a tablet is: added and waiting for its enrollment code, enrolled, or revoked for good. */
public enum KioskStatus {
    /** Added by the administrator; its enrollment code has not been used yet. */
    PENDING,
    /** Enrolled: its credential opens the kiosk page. */
    ACTIVE,
    /** Revoked: its credential (or its unused code) opens nothing any more. */
    REVOKED
}
