package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.BallotForm;
import vn.tinnhiem.voting.CastOutcome;
import vn.tinnhiem.voting.TestTablet;
import vn.tinnhiem.voting.VotingService;

/**
 * The close while the desk is still busy: tablets cast, one teller ticks voters present and activates cards,
 * another voids spoiled ones, and the head of the board closes the polls in the middle of it all. What the close
 * froze (present, activated, spent, unspent, voided) must be exactly what the database holds once every thread has
 * stopped: each tick, activation and void is either in the frozen figures or refused after the close.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class DeskCloseRaceIntegrationTests {

    private static final int ROUNDS = 20;

    @Autowired
    PollsClose pollsClose;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    VotingService voting;

    @Test
    void a_close_during_ticks_activations_voids_and_casts_freezes_exactly_what_the_database_then_holds() throws Exception {
        List<String> mismatches = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String mismatch = round(pool, round);
                if (mismatch != null) {
                    mismatches.add(mismatch);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mismatches).as("rounds whose frozen figures differ from the database after the close, of " + ROUNDS)
                .isEmpty();
    }

    private String round(ExecutorService pool, int round) throws Exception {
        CountConferences fixtures = new CountConferences(elections, accounts, ceremonies, tokens, voting);
        // 40 summoned, 16 present, 16 cards activated for the tablets; then 24 more printed for the desk.
        var conf = fixtures.cast(2, 40, 16, 0, 16, (v, c) -> 0);
        List<String> spare = fixtures.printed(conf.id(), 24);
        var roll = elections.voterRoll().voters(conf.id());
        BallotForm form = voting.form(conf.id()).orElseThrow();
        String head = conf.tellers().get(0);
        String second = conf.tellers().get(1);
        AtomicInteger done = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        TestTablet device = new TestTablet(voting, ceremonies);
        device.manifest(conf.id());
        for (int t = 0; t < 4; t++) {
            int tablet = t;
            work.add(pool.submit(worker(start, () -> {
                for (int i = tablet; i < conf.unused().size(); i += 4) {
                    int[] marks = TestTablet.blank(form.candidates().size());
                    marks[1] = 2;
                    if (device.vote("desk-race-" + round + "-" + tablet, conf.id(), conf.unused().get(i), marks)
                            instanceof CastOutcome.Recorded) {
                        done.incrementAndGet();
                    }
                }
            })));
        }
        work.add(pool.submit(worker(start, () -> {
            try (var teller = Acting.as(second, "TELLER")) {
                for (int v = 16; v < 40; v++) {
                    long voter = roll.get(v).id();
                    refusedOnceClosed(() -> elections.deskPresence().markPresent(conf.id(), voter, true));
                    done.incrementAndGet();
                }
            }
        })));
        work.add(pool.submit(worker(start, () -> {
            try (var teller = Acting.as(second, "TELLER")) {
                for (int c = 0; c < 16; c++) {
                    String card = spare.get(c);
                    refusedOnceClosed(() -> tokens.activate(conf.id(), card));
                    done.incrementAndGet();
                }
            }
        })));
        work.add(pool.submit(worker(start, () -> {
            try (var teller = Acting.as(conf.tellers().get(2), "TELLER")) {
                for (int c = 16; c < 24; c++) {
                    String card = spare.get(c);
                    refusedOnceClosed(() -> tokens.voidCard(conf.id(), card));
                    done.incrementAndGet();
                }
            }
        })));
        int closeAfter = 3 + (round * 5) % 30;
        Future<ClosingFigures> close = pool.submit(() -> {
            start.await();
            while (done.get() < closeAfter) {
                Thread.onSpinWait();
            }
            try (var teller = Acting.as(head, "TELLER")) {
                return pollsClose.close(conf.id());
            }
        });
        start.countDown();
        ClosingFigures frozen = close.get(2, TimeUnit.MINUTES);
        for (Future<?> f : work) {
            f.get(2, TimeUnit.MINUTES);
        }
        CardCounts now = tokens.counts(conf.id());
        int present = elections.deskPresence().attendance(conf.id()).present();
        if (frozen.present() == present && frozen.cardsActivated() == now.handedOut()
                && frozen.cardsSpent() == now.spent() && frozen.cardsUnspent() == now.activated()
                && frozen.cardsVoided() == now.voided()) {
            return null;
        }
        return "round " + round + ": frozen present/handed out/spent/unspent/voided " + frozen.present() + "/"
                + frozen.cardsActivated() + "/" + frozen.cardsSpent() + "/" + frozen.cardsUnspent() + "/"
                + frozen.cardsVoided() + ", database after " + present + "/" + now.handedOut() + "/" + now.spent()
                + "/" + now.activated() + "/" + now.voided();
    }

    private static Callable<Void> worker(CountDownLatch start, Runnable body) {
        return () -> {
            start.await();
            body.run();
            return null;
        };
    }

    /** Before the close the step must succeed; after it, it must be refused for the status, nothing else. */
    private static void refusedOnceClosed(Runnable step) {
        try {
            step.run();
        } catch (UserFacingException e) {
            assertThat(e.key()).isIn("election.error.notOpen", "desk.error.presenceStatus");
        }
    }
}
