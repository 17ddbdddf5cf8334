package vn.tinnhiem.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.AuthenticationException;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.account.StaffAccount;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/** One lock order everywhere (the account row first, the audit head last), on the real database. */
@IntegrationTest
class AccountRacesIntegrationTests {

    @Autowired
    AccountService accounts;
    @Autowired
    AuthenticationConfiguration authentication;
    @Autowired
    vn.tinnhiem.audit.AuditLog audit;

    SignIns signIns;

    @BeforeEach
    void setUp() throws Exception {
        signIns = new SignIns(authentication);
    }

    private long create(String username, Role role) {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            return accounts.create(username, "Cán bộ thử", role).account().id();
        }
    }

    /** Runs each task on its own thread, all released at once; returns what escaped them. */
    private static List<Throwable> runTogether(long timeoutSeconds, Runnable... tasks) throws InterruptedException {
        var start = new CountDownLatch(1);
        var done = new CountDownLatch(tasks.length);
        var escaped = new ConcurrentLinkedQueue<Throwable>();
        for (Runnable task : tasks) {
            Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    task.run();
                } catch (Throwable t) {
                    escaped.add(t);
                } finally {
                    done.countDown();
                }
            });
        }
        start.countDown();
        assertThat(done.await(timeoutSeconds, TimeUnit.SECONDS)).as("every thread finished in time").isTrue();
        return new ArrayList<>(escaped);
    }

    @Test
    void sign_in_failures_and_an_administrators_resets_and_disables_on_the_same_account_never_deadlock()
            throws Exception {
        long id = create("race.teller", Role.TELLER);
        Runnable failures = () -> {
            for (int i = 0; i < 40; i++) {
                try {
                    // Four addresses in turn: each pair's row and pause, behind the account's row, is what is raced.
                    signIns.signIn("race.teller", "wrong-" + i, "10.77.0." + (i % 4));
                } catch (AuthenticationException refused) {
                    // expected: wrong password, locked or disabled
                }
            }
        };
        Runnable administrator = () -> {
            try (var organiser = Acting.as("organiser", "ADMIN")) {
                for (int i = 0; i < 12; i++) {
                    accounts.resetPassword(id);
                    accounts.setEnabled(id, false);
                    accounts.setEnabled(id, true);
                    accounts.unlock(id);
                }
            }
        };
        assertThat(runTogether(180, failures, administrator, failures)).isEmpty();
    }

    @Test
    void two_administrators_disabling_each_other_at_the_same_instant_leave_one_enabled() throws Exception {
        long a = create("duel.a", Role.ADMIN);
        long b = create("duel.b", Role.ADMIN);
        // Leave only the two of them enabled for the duel (no other test runs meanwhile), then put back.
        List<Long> others = new ArrayList<>();
        try (var ghost = Acting.as("ghost.admin", "ADMIN")) {
            for (StaffAccount admin : accounts.list()) {
                if (admin.role() == Role.ADMIN && admin.enabled() && admin.id() != a && admin.id() != b) {
                    accounts.setEnabled(admin.id(), false);
                    others.add(admin.id());
                }
            }
        }
        try {
            var refusals = new ConcurrentLinkedQueue<String>();
            Runnable aDisablesB = () -> {
                try (var as = Acting.as("duel.a", "ADMIN")) {
                    accounts.setEnabled(b, false);
                } catch (UserFacingException e) {
                    refusals.add(e.key());
                }
            };
            Runnable bDisablesA = () -> {
                try (var as = Acting.as("duel.b", "ADMIN")) {
                    accounts.setEnabled(a, false);
                } catch (UserFacingException e) {
                    refusals.add(e.key());
                }
            };
            assertThat(runTogether(60, aDisablesB, bDisablesA)).isEmpty();
            assertThat(refusals).containsExactly("account.error.lastAdmin");
            try (var ghost = Acting.as("ghost.admin", "ADMIN")) {
                assertThat(accounts.list().stream().filter(x -> x.id() == a || x.id() == b).filter(StaffAccount::enabled))
                        .hasSize(1);
                // The refusal is on the record although its transaction rolled back.
                assertThat(audit.newest(20)).anyMatch(e -> e.action().equals("account.disableRefused")
                        && e.fields().get("why").equals(java.util.Optional.of("lastAdmin")) && e.actor().startsWith("duel."));
            }
        } finally {
            try (var ghost = Acting.as("ghost.admin", "ADMIN")) {
                others.forEach(id -> accounts.setEnabled(id, true));
            }
        }
    }
}
