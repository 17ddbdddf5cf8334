package vn.tinnhiem.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/** Sign-in abuse from the hall network, through the real AuthenticationManager with a client address. */
@IntegrationTest
class SignInAbuseIntegrationTests {

    @Autowired
    AccountService accounts;
    @Autowired
    AuditLog audit;
    @Autowired
    DSLContext db;
    @Autowired
    AuthenticationConfiguration authentication;

    SignIns signIns;

    @BeforeEach
    void setUp() throws Exception {
        signIns = new SignIns(authentication);
    }

    private String create(String username, Role role) {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            return accounts.create(username, "Cán bộ thử", role).oneTimePassword();
        }
    }

    private long auditEntries() {
        return db.fetchCount(DSL.table("audit_entry"));
    }

    private AuditEntry newest(String action, String subject) {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            return audit.newest(50).stream().filter(e -> e.action().equals(action) && e.subject().equals(subject))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + action + " for " + subject));
        }
    }

    @Test
    void a_thousand_bad_sign_ins_from_one_address_add_a_handful_of_audit_entries_and_others_still_sign_in() {
        create("abuse.target", Role.ADMIN);
        String bystander = create("abuse.bystander", Role.TELLER);
        long before = auditEntries();
        long started = System.nanoTime();

        int throttled = 0;
        for (int i = 0; i < 1000; i++) {
            // Half on a real account, half on names that do not exist.
            String name = i % 2 == 0 ? "abuse.target" : "nobody." + i;
            var refusal = signIns.refusal(name, "guess-" + i, "10.66.0.1");
            assertThat(refusal).as("attempt %d", i).isNotNull();
            if (refusal instanceof AddressThrottledException) {
                throttled++;
            }
        }
        long added = auditEntries() - before;
        System.out.printf("1000 bad sign-ins from one address: %d audit entries added, %d refused by the address"
                + " throttle, %d ms%n", added, throttled, (System.nanoTime() - started) / 1_000_000);

        assertThat(added).isBetween(1L, 3L);
        assertThat(throttled).isGreaterThanOrEqualTo(1000 - AddressThrottle.FREE_ATTEMPTS);
        assertThat(newest("account.addressBlocked", "address:10.66.0.1").details()).contains("attempts=10");
        assertThat(newest("account.locked", "account:abuse.target").details()).contains("attempts=5");
        // Another account, from another tablet, is not kept out.
        assertThat(signIns.signIn("abuse.bystander", bystander, "10.66.0.2").isAuthenticated()).isTrue();
    }

    @Test
    void five_wrong_passwords_from_one_address_pause_the_account_there_only_and_its_owner_signs_in_from_their_own() {
        String password = create("teller2.victim", Role.TELLER);
        String attacker = "10.69.0.66";
        // 17 tries from the attacker's device, as in the report of issue 16: five wrong passwords pause the
        // pair, and from the tenth failure on the device itself is paused.
        for (int i = 0; i < 17; i++) {
            var refusal = signIns.refusal("teller2.victim", "guess-" + i, attacker);
            if (i < LoginThrottle.FREE_ATTEMPTS) {
                assertThat(refusal).as("attempt %d", i).isInstanceOf(BadCredentialsException.class);
            } else if (i < AddressThrottle.FREE_ATTEMPTS) {
                assertThat(refusal).as("attempt %d", i).isInstanceOf(LockedException.class);
            } else {
                assertThat(refusal).as("attempt %d", i).isInstanceOf(AddressThrottledException.class);
            }
        }
        var locked = newest("account.locked", "account:teller2.victim");
        assertThat(locked.fields().get("address")).contains(attacker);
        assertThat(locked.fields().get("attempts")).contains("5");
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            assertThat(accounts.find("teller2.victim").orElseThrow().lockedUntil())
                    .as("the organiser sees the pause").isPresent();
        }

        // The owner, at their own device, is not kept out; the attacker's device stays paused.
        assertThat(signIns.signIn("teller2.victim", password, "10.69.0.2").isAuthenticated()).isTrue();
        assertThat(signIns.refusal("teller2.victim", password, attacker)).isInstanceOf(AddressThrottledException.class);
        // A device with five wrong passwords for the account (not enough to pause the device itself): the
        // right password is refused there, paused with the pair, and the owner's device still gets in.
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            assertThat(signIns.refusal("teller2.victim", "again-" + i, "10.69.0.4")).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(signIns.refusal("teller2.victim", password, "10.69.0.4")).isInstanceOf(LockedException.class);
        assertThat(signIns.signIn("teller2.victim", password, "10.69.0.2").isAuthenticated()).isTrue();
        // A device that typed fewer than five wrong passwords for the account still gets in with the right one.
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS - 1; i++) {
            assertThat(signIns.refusal("teller2.victim", "typo-" + i, "10.69.0.3")).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(signIns.signIn("teller2.victim", password, "10.69.0.3").isAuthenticated()).isTrue();
    }

    @Test
    void an_administrator_unlocks_a_locked_account_and_the_refused_attempts_are_written_once() {
        String password = create("locked.teller", Role.TELLER);
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            assertThat(signIns.refusal("locked.teller", "wrong-" + i, "10.67.0.1"))
                    .isInstanceOf(BadCredentialsException.class);
        }
        long before = auditEntries();
        for (int i = 0; i < 3; i++) {
            // The right password or a wrong one: while paused, both are refused as locked and only counted.
            assertThat(signIns.refusal("locked.teller", i == 0 ? password : "still-wrong-" + i, "10.67.0.1"))
                    .isInstanceOf(LockedException.class);
        }
        assertThat(auditEntries()).as("attempts while locked write nothing yet").isEqualTo(before);
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            var account = accounts.find("locked.teller").orElseThrow();
            assertThat(account.lockedUntil()).isPresent();
            accounts.unlock(account.id());
            assertThat(accounts.find("locked.teller").orElseThrow().lockedUntil()).isEmpty();
        }
        var unlock = newest("account.unlock", "account:locked.teller");
        assertThat(unlock.actor()).isEqualTo("organiser");
        assertThat(unlock.details()).contains("failedAttempts=5", "refusedWhileLocked=3", "addresses=1");
        // From the very device that was paused.
        assertThat(signIns.signIn("locked.teller", password, "10.67.0.1").isAuthenticated()).isTrue();
    }

    @Test
    void a_refused_sign_in_on_a_disabled_account_stays_on_the_record() {
        String password = create("gone.teller", Role.TELLER);
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            accounts.setEnabled(accounts.find("gone.teller").orElseThrow().id(), false);
        }
        assertThat(signIns.refusal("gone.teller", password, "10.68.0.1")).isInstanceOf(DisabledException.class);
        assertThat(newest("account.signInRefused", "account:gone.teller").fields().get("why")).contains("disabled");
    }
}
