package vn.tinnhiem.ceremony;

/** Where a conference's key ceremony stands. */
public enum CeremonyStage {
    /** No key, or the key was voided (the lists were reopened, or the ceremony is to be run again). */
    NOT_STARTED,
    /** The key is made and the cards are being printed at the console: the dealing is in memory. */
    PRINTING,
    /** The server restarted (or the dealing was dropped) before every card was printed: start again. */
    INTERRUPTED,
    /** Every card is out; each teller checks their own card back. */
    CHECKING,
    /** Every card checked: the key is recorded and the polls may open. */
    COMPLETE
}
