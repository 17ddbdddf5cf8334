package vn.tinnhiem.account.internal;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Real sign-ins through the application's AuthenticationManager, as the form would make them, from an address. */
final class SignIns {

    private final AuthenticationManager manager;

    SignIns(AuthenticationConfiguration configuration) throws Exception {
        this.manager = configuration.getAuthenticationManager();
    }

    Authentication signIn(String username, String password, String address) {
        var request = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        request.setDetails(new WebAuthenticationDetails(address, null));
        return manager.authenticate(request);
    }

    /** The refusal, or null when the sign-in succeeded. */
    AuthenticationException refusal(String username, String password, String address) {
        try {
            signIn(username, password, address);
            return null;
        } catch (AuthenticationException e) {
            return e;
        }
    }
}
