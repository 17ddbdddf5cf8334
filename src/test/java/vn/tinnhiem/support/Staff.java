package vn.tinnhiem.support;

import java.util.concurrent.ThreadLocalRandom;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;

/**
 * Staff accounts for browser tests: each test makes its own under a unique name, with its password
 * already changed, so tests never share an account or depend on each other's order.
 */
public final class Staff {

    public static final String PASSWORD = "mat-khau-thu-2026";

    private Staff() {
    }

    /** A new account of the role, ready to sign in with {@link #PASSWORD}; returns its user name. */
    public static String create(AccountService accounts, String prefix, Role role) {
        String username = prefix + "." + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
        String oneTime;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            oneTime = accounts.create(username, "Người thử " + prefix, role).oneTimePassword();
        }
        try (var self = Acting.as(username, role.name())) {
            accounts.changeOwnPassword(oneTime, PASSWORD);
        }
        return username;
    }

    /**
     * An account under exactly this name, ready to sign in with {@link #PASSWORD}: its one-time password already
     * changed, as a teller's must be before they can take their seat's share card.
     */
    public static String createNamed(AccountService accounts, String username, String displayName, Role role) {
        String oneTime;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            oneTime = accounts.create(username, displayName, role).oneTimePassword();
        }
        try (var self = Acting.as(username, role.name())) {
            accounts.changeOwnPassword(oneTime, PASSWORD);
        }
        return username;
    }

    /** Signs in on the sign-in page and waits for the home. */
    public static void signIn(Browser browser, String username) {
        browser.open("/login");
        browser.type("vaadin-login-form vaadin-text-field[name='username']", username);
        browser.type("vaadin-login-form vaadin-password-field[name='password']", PASSWORD);
        browser.click("vaadin-login-form vaadin-button");
        browser.find("#home");
        browser.waitForVaadin();
    }
}
