package vn.tinnhiem.account.internal;

import org.springframework.security.core.AuthenticationException;

/** Too many failed sign-ins from one client address: refused before any account is looked up. */
final class AddressThrottledException extends AuthenticationException {

    AddressThrottledException() {
        super("Too many failed sign-ins from this address");
    }
}
