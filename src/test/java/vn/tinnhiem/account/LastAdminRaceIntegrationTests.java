package vn.tinnhiem.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/**
 * The last two administrators disable each other at the same instant: one succeeds, the other is refused as the
 * last one, in every round, so the system is never left without an organiser. The rule reads the enabled
 * administrators with the lock itself (the first statement of its transaction), so no stale snapshot can count
 * an administrator who was disabled meanwhile.
 */
@IntegrationTest
class LastAdminRaceIntegrationTests {

    private static final int ROUNDS = 20;

    @Autowired
    AccountService accounts;

    @Test
    void two_administrators_disabling_each_other_at_once_always_leave_one() throws Exception {
        List<StaffAccount> others;
        try (var setup = Acting.as("race-setup", "ADMIN")) {
            others = accounts.list().stream().filter(a -> a.role() == Role.ADMIN && a.enabled()).toList();
        }
        ExecutorService consoles = Executors.newFixedThreadPool(2);
        List<String> failures = new ArrayList<>();
        StaffAccount survivor = null;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                StaffAccount a;
                StaffAccount b;
                try (var setup = Acting.as("race-setup", "ADMIN")) {
                    String suffix = round + "." + System.nanoTime() % 100000;
                    a = accounts.create("race-a." + suffix, "Quản trị A", Role.ADMIN).account();
                    b = accounts.create("race-b." + suffix, "Quản trị B", Role.ADMIN).account();
                    // Leave exactly these two enabled: the others (the previous round's survivor included) go.
                    for (StaffAccount other : round == 0 ? others : List.of(survivor)) {
                        accounts.setEnabled(other.id(), false);
                    }
                }
                CountDownLatch start = new CountDownLatch(1);
                Future<Boolean> aDisablesB = consoles.submit(() -> disable(start, a, b));
                Future<Boolean> bDisablesA = consoles.submit(() -> disable(start, b, a));
                start.countDown();
                boolean bGone = aDisablesB.get(1, TimeUnit.MINUTES);
                boolean aGone = bDisablesA.get(1, TimeUnit.MINUTES);
                if (aGone == bGone) {
                    failures.add("round " + round + ": " + (aGone ? "both disabled" : "neither disabled"));
                }
                survivor = aGone ? b : a;
            }
        } finally {
            consoles.shutdownNow();
            try (var setup = Acting.as("race-setup", "ADMIN")) {
                for (StaffAccount other : others) {
                    accounts.setEnabled(other.id(), true);
                }
            }
        }
        assertThat(failures).as("rounds that did not leave exactly one administrator, of " + ROUNDS).isEmpty();
        try (var setup = Acting.as("race-setup", "ADMIN")) {
            assertThat(accounts.list().stream().filter(x -> x.role() == Role.ADMIN && x.enabled()))
                    .extracting(StaffAccount::username).contains(survivor.username());
        }
    }

    /** True when {@code actor} disabled {@code target}; false when refused as the last administrator. */
    private boolean disable(CountDownLatch start, StaffAccount actor, StaffAccount target) throws InterruptedException {
        start.await();
        try (var as = Acting.as(actor.username(), "ADMIN")) {
            accounts.setEnabled(target.id(), false);
            return true;
        } catch (UserFacingException e) {
            assertThat(e.key()).isEqualTo("account.error.lastAdmin");
            return false;
        }
    }
}
