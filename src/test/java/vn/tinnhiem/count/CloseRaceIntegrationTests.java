package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.BallotForm;
import vn.tinnhiem.voting.CastOutcome;
import vn.tinnhiem.voting.TestTablet;
import vn.tinnhiem.voting.VotingService;

/**
 * The close while the last voters are still casting, on the real MariaDB through the real services: 8 tablets
 * cast 40 cards as fast as they can and a teller closes the polls in the middle of it. Whatever committed before
 * the close must be in what it froze (cards spent, the POLLS_CLOSED digest of the tracking codes), and nothing may
 * commit after it. A close that read before it locked froze a stale snapshot in 15 of 18 such rounds.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class CloseRaceIntegrationTests {

    private static final int ROUNDS = 20;
    private static final int TABLETS = 8;
    private static final int CARDS = 40;

    @Autowired
    PollsClose pollsClose;
    @Autowired
    BoxCheck boxCheck;
    @Autowired
    BallotTracking ballotTracking;
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
    void a_close_among_eight_casting_tablets_freezes_exactly_the_ballots_that_committed_before_it() throws Exception {
        List<String> mismatches = new ArrayList<>();
        ExecutorService tablets = Executors.newFixedThreadPool(TABLETS + 1);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String mismatch = round(tablets, round);
                if (mismatch != null) {
                    mismatches.add(mismatch);
                }
            }
        } finally {
            tablets.shutdownNow();
        }
        assertThat(mismatches).as("rounds whose frozen figures missed ballots in the box, of " + ROUNDS).isEmpty();
    }

    /** One round; null when the close froze exactly the box, otherwise what differed. */
    private String round(ExecutorService pool, int round) throws Exception {
        var conf = new CountConferences(elections, accounts, ceremonies, tokens, voting)
                .cast(2, CARDS, CARDS, 0, CARDS, (v, c) -> 0);
        BallotForm form = voting.form(conf.id()).orElseThrow();
        Queue cards = new Queue(conf.unused());
        ConcurrentLinkedQueue<String> recorded = new ConcurrentLinkedQueue<>();
        AtomicInteger refusedAfterClose = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> casting = new ArrayList<>();
        TestTablet tablet = new TestTablet(voting, ceremonies);
        tablet.manifest(conf.id());
        for (int t = 0; t < TABLETS; t++) {
            String kiosk = "race-" + round + "-" + t;
            casting.add(pool.submit(() -> {
                start.await();
                for (String card = cards.next(); card != null; card = cards.next()) {
                    int[] marks = TestTablet.blank(form.candidates().size());
                    marks[0] = 1;
                    CastOutcome outcome = tablet.vote(kiosk, conf.id(), card, marks);
                    if (outcome instanceof CastOutcome.Recorded r) {
                        recorded.add(r.trackingCode());
                    } else {
                        refusedAfterClose.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        // The close comes after a varying part of the casts: early, in the middle, near the end.
        int closeAfter = 4 + (round * 7) % 28;
        Future<ClosingFigures> close = pool.submit(() -> {
            start.await();
            while (recorded.size() < closeAfter) {
                Thread.onSpinWait();
            }
            try (var teller = Acting.as(conf.tellers().getFirst(), "TELLER")) {
                return pollsClose.close(conf.id());
            }
        });
        start.countDown();
        ClosingFigures frozen = close.get(2, TimeUnit.MINUTES);
        for (Future<?> f : casting) {
            f.get(2, TimeUnit.MINUTES);
        }
        return FrozenBox.mismatch(round, conf, frozen, recorded, refusedAfterClose.get(), CARDS, elections, boxCheck,
                ballotTracking);
    }

    /** The cards still to cast, shared by the tablets. */
    private static final class Queue {
        private final List<String> cards;
        private final AtomicInteger next = new AtomicInteger();

        Queue(List<String> cards) {
            this.cards = cards;
        }

        String next() {
            int i = next.getAndIncrement();
            return i < cards.size() ? cards.get(i) : null;
        }
    }
}
