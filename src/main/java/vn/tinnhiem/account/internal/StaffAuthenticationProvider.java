package vn.tinnhiem.account.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;

/**
 * Password sign-in behind the per-address throttle: a blocked address is turned away before any
 * account is read or any password hashed, and writes nothing; a block that starts is written to the
 * audit log once, with the count of attempts that led to it.
 */
final class StaffAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(StaffAuthenticationProvider.class);

    private final DaoAuthenticationProvider passwords;
    private final AddressThrottle throttle;
    private final AuditLog audit;

    StaffAuthenticationProvider(UserDetailsService users, PasswordEncoder encoder, AddressThrottle throttle,
            AuditLog audit) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        String address = addressOf(request);
        if (throttle.refuse(address)) {
            throw new AddressThrottledException();
        }
        try {
            Authentication result = passwords.authenticate(request);
            throttle.success(address);
            return result;
        } catch (BadCredentialsException | AccountStatusException e) {
            throttle.failure(address).ifPresent(block -> {
                log.warn("Sign-in from {} paused after {} failed attempts", block.address(), block.failures());
                // In a transaction of its own, holding no other lock: the audit head is the only lock it takes.
                audit.recordRefusalAs("system", "account.addressBlocked", "address:" + block.address(),
                        block.refusedDuringLastBlock() > 0
                                ? AuditFields.of("attempts", block.failures())
                                        .with("refusedDuringLastBlock", block.refusedDuringLastBlock())
                                : AuditFields.of("attempts", block.failures()));
            });
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The request's own remote address: the server sits behind no proxy, so no header is trusted. */
    static String addressOf(Authentication request) {
        if (request.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        return "unknown";
    }
}
