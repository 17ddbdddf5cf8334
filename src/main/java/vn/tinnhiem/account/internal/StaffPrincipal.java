package vn.tinnhiem.account.internal;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The signed-in staff member, with the credentials version read at sign-in: once the password is
 * changed or reset the version in the database moves on, and every other session of the account ends
 * at its next request (see {@link ActiveAccountFilter}).
 */
public final class StaffPrincipal extends User {

    private final int credentialsVersion;

    public StaffPrincipal(String username, String password, boolean enabled, boolean locked,
            Collection<? extends GrantedAuthority> authorities, int credentialsVersion) {
        super(username, password, enabled, true, true, !locked, authorities);
        this.credentialsVersion = credentialsVersion;
    }

    public int credentialsVersion() {
        return credentialsVersion;
    }

}
