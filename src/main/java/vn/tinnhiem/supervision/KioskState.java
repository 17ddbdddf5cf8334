package vn.tinnhiem.supervision;

/** A tablet as the supervisor sees it: a voter on one of its steps, waiting for the next voter, or silent. */
public enum KioskState {
    IN_USE, IDLE, OFFLINE
}
