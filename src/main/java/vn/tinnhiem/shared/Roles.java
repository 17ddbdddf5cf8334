package vn.tinnhiem.shared;

import java.util.List;

/**
 * The staff roles as constants, so that a misspelt role in {@code @RolesAllowed} fails to compile instead of
 * silently denying everyone. The account module's {@code Role} enum names the same three; a test keeps them equal.
 */
public final class Roles {

    /** The organiser (Phòng Nội vụ): sets up conferences and accounts. */
    public static final String ADMIN = "ADMIN";
    /** A member of the tally board (Ban Kiểm phiếu). */
    public static final String TELLER = "TELLER";
    /** Watches turnout; never sees vote content. */
    public static final String SUPERVISOR = "SUPERVISOR";

    /** Every role, the organiser first. */
    public static final List<String> ALL = List.of(ADMIN, TELLER, SUPERVISOR);

    private Roles() {
    }

    /** The Spring Security authority that carries a role. */
    public static String authority(String role) {
        return "ROLE_" + role;
    }
}
