package vn.tinnhiem.account;

/** A staff account as screens see it: never the password hash. */
public record StaffAccount(long id, String username, String displayName, Role role, boolean mustChangePassword,
        boolean enabled) {
}
