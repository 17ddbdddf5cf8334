package vn.tinnhiem.account.internal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What a signed-in session is checked against on every request: no method security, no audit. */
@Component
class AccountSessions {

    private final AccountRepository accounts;

    AccountSessions(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /**
     * Whether a session of the account may go on: the account exists and is enabled, and its password
     * has not changed since the session signed in ({@code version} -1: the session carries no version).
     */
    @Transactional(readOnly = true)
    boolean stillValid(String username, int version) {
        return accounts.credentials(username)
                .map(c -> c.enabled() && (version < 0 || version == c.credentialsVersion()))
                .orElse(false);
    }
}
