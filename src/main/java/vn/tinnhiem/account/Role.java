package vn.tinnhiem.account;

/** What a staff member may do. Voters have no account: they hold a one-time card. */
public enum Role {
    /** The organiser (Phòng Nội vụ): sets up conferences and accounts. */
    ADMIN,
    /** A member of the tally board (Ban Kiểm phiếu). */
    TELLER,
    /** Watches turnout; never sees vote content. */
    SUPERVISOR
}
