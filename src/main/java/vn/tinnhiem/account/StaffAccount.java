package vn.tinnhiem.account;

import java.time.Instant;
import java.util.Optional;

/**
 * A staff account as screens see it: never the password hash. {@code lockedUntil} is present only
 * while sign-in is paused after too many wrong passwords.
 */
public record StaffAccount(long id, String username, String displayName, Role role, boolean mustChangePassword,
        boolean enabled, Optional<Instant> lockedUntil) {
}
