package vn.tinnhiem.account.internal;

import org.jspecify.annotations.Nullable;
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
 * audit log once, with the count of attempts that led to it. The account is read for the request's
 * address: it reports itself locked only when this (account, address) pair is paused ({@link LoginThrottle}).
 */
final class StaffAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(StaffAuthenticationProvider.class);

    private final DaoAuthenticationProvider passwords;
    private final AddressThrottle throttle;
    private final AuditLog audit;

    /** The address of the sign-in this thread is checking, for the pair's lock; one provider serves every thread. */
    private static final ThreadLocal<String> ADDRESS = new ThreadLocal<>();

    StaffAuthenticationProvider(UserDetailsService users, PasswordEncoder encoder, AddressThrottle throttle,
            AuditLog audit) {
        UserDetailsService forAddress = users instanceof StaffUserDetailsService staff
                ? name -> staff.load(name, java.util.Objects.requireNonNullElse(ADDRESS.get(), "unknown"))
                : users;
        this.passwords = new DaoAuthenticationProvider(forAddress);
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
        ADDRESS.set(address);
        try {
            Authentication result = passwords.authenticate(request);
            throttle.success(address);
            return result;
        } catch (BadCredentialsException | AccountStatusException e) {
            throttle.failure(address).ifPresent(block -> recordBlock(audit, block));
            throw e;
        } finally {
            ADDRESS.remove();
        }
    }

    /** In a transaction of its own, holding no other lock: the audit head is the only lock it takes. */
    static void recordBlock(AuditLog audit, AddressThrottle.Block block) {
        log.warn("Sign-in from {} paused after {} failed attempts", block.address(), block.failures());
        audit.recordRefusalAs("system", "account.addressBlocked", "address:" + block.address(),
                block.refusedDuringLastBlock() > 0
                        ? AuditFields.of("attempts", block.failures())
                                .with("refusedDuringLastBlock", block.refusedDuringLastBlock())
                        : AuditFields.of("attempts", block.failures()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * The request's own remote address: the server sits behind no proxy, so no header is trusted. For a
     * signed-in session, the address it signed in from (Spring keeps the sign-in's details).
     */
    public static String addressOf(@Nullable Authentication request) {
        if (request != null && request.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null) {
            String address = details.getRemoteAddress();
            return address.length() > 64 ? address.substring(0, 64) : address;
        }
        return "unknown";
    }
}
