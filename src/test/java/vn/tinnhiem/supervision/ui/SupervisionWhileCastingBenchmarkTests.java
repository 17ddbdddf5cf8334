package vn.tinnhiem.supervision.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.supervision.Live;
import vn.tinnhiem.supervision.LiveConferences;
import vn.tinnhiem.supervision.SupervisionService;
import vn.tinnhiem.supervision.internal.LiveFeed;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.BallotForm;
import vn.tinnhiem.voting.CastOutcome;
import vn.tinnhiem.voting.TestTablet;
import vn.tinnhiem.voting.VotingService;

/**
 * Supervision while casting (docs/performance.md): the voter's-path casting load (200 simulated kiosks casting
 * back to back through the real VotingService into MariaDB, as CastingLoadBenchmarkTests) with and without 50
 * supervisor pages open. A page is simulated as the real poller's subscriber: each change it hears is drawn on
 * a one-thread-per-page executor, as Vaadin's UI.access runs it under the page's session lock (the figures'
 * texts and the SVG chart). 41 pages watch the conference being cast (each hears a change every second) and
 * one page each watches 9 other OPEN conferences, so the poller reads 10 conferences a second. Runs alternate (without, with, without, with) after a warm-up; casting
 * with the pages must keep at least 90% of the throughput without them. Run on its own:
 * {@code ./mvnw verify -Dtest=SupervisionWhileCastingBenchmarkTests -Dsurefire.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}
 * (-Dcasting.ballots=N per run, default 3000).
 */
@IntegrationTest
@Tag("benchmark")
class SupervisionWhileCastingBenchmarkTests {

    private static final int KIOSKS = 200;
    private static final int PAGES = 50;
    private static final int WATCHED = 10;
    private static final int BALLOTS = Integer.getInteger("casting.ballots", 3000);

    @Autowired
    VotingService voting;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    KioskService kiosks;
    @Autowired
    SupervisionService supervision;
    @Autowired
    LiveFeed feed;
    @Autowired
    Clock clock;

    record Figures(double perSecond, double p50Millis, double p99Millis) {}

    @Test
    void fifty_supervisor_pages_cost_casting_less_than_a_tenth_of_its_throughput() throws Exception {
        var conferences = new LiveConferences(elections, accounts, ceremonies, tokens, kiosks);
        List<LiveConferences.Open> casting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            casting.add(conferences.open(1, 13, BallotKind.THREE_LEVEL));
        }
        List<List<String>> cards = new ArrayList<>();
        for (var c : casting) {
            cards.add(conferences.manyActivated(c, BALLOTS));
        }
        List<ElectionId> others = new ArrayList<>();
        for (int i = 1; i < WATCHED; i++) {
            others.add(conferences.open(3).id());
        }

        run(casting.get(0), cards.get(0), false);     // warm-up
        Figures without1 = run(casting.get(1), cards.get(1), false);
        Figures with1 = run(casting.get(2), cards.get(2), true, others);
        Figures without2 = run(casting.get(3), cards.get(3), false);
        Figures with2 = run(casting.get(4), cards.get(4), true, others);

        double without = (without1.perSecond() + without2.perSecond()) / 2;
        double with = (with1.perSecond() + with2.perSecond()) / 2;
        System.out.printf("SUPERVISION-WHILE-CASTING without pages: %.0f ballots/s (runs %.0f, %.0f), p50 %.0f/%.0f ms, "
                + "p99 %.0f/%.0f ms; with %d pages: %.0f ballots/s (runs %.0f, %.0f), p50 %.0f/%.0f ms, p99 %.0f/%.0f ms; "
                + "ratio %.3f%n", without, without1.perSecond(), without2.perSecond(), without1.p50Millis(),
                without2.p50Millis(), without1.p99Millis(), without2.p99Millis(), PAGES, with, with1.perSecond(),
                with2.perSecond(), with1.p50Millis(), with2.p50Millis(), with1.p99Millis(), with2.p99Millis(),
                with / without);
        assertThat(with).as("ballots per second with 50 pages open, against %.0f without", without)
                .isGreaterThanOrEqualTo(0.9 * without);
    }

    private Figures run(LiveConferences.Open conference, List<String> cards, boolean pages) throws Exception {
        return run(conference, cards, pages, List.of());
    }

    /** With pages: one on each of the {@code others} (the poller reads them too), the rest on the casting one. */
    private Figures run(LiveConferences.Open conference, List<String> cardList, boolean pages, List<ElectionId> others)
            throws Exception {
        List<Runnable> subscriptions = new ArrayList<>();
        List<ExecutorService> sessions = new ArrayList<>();
        AtomicLong drawn = new AtomicLong();
        AtomicLong heard = new AtomicLong();
        AtomicInteger lastCastSeen = new AtomicInteger();
        if (pages) {
            var time = DateTimeFormatter.ofPattern("HH:mm").withZone(clock.getZone());
            // The organiser may watch every conference, the casting one and the others alike.
            try (var supervisor = Acting.as("organiser", "ADMIN")) {
                for (int p = 0; p < PAGES; p++) {
                    ElectionId id = p < others.size() ? others.get(p) : conference.id();
                    ExecutorService session = Executors.newSingleThreadExecutor();
                    sessions.add(session);
                    subscriptions.add(supervision.subscribe(id, live -> session.execute(() -> {
                        drawn.addAndGet(draw(live, time).length());
                        heard.incrementAndGet();
                        if (live.electionId().equals(conference.id())) {
                            lastCastSeen.accumulateAndGet(live.figures().cast(), Math::max);
                        }
                    })));
                }
            }
            assertThat(feed.pagesOpen()).isGreaterThanOrEqualTo(PAGES);
        }
        long started = System.nanoTime();
        try {
            return cast(conference, cardList);
        } finally {
            if (pages) {
                Thread.sleep(1500);
                assertThat(lastCastSeen.get()).as("the pages saw the casting conference's figures move").isPositive();
                subscriptions.forEach(Runnable::run);
                sessions.forEach(ExecutorService::shutdown);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("SUPERVISION-WHILE-CASTING %d pages heard %d readings in %.1f s (%.2f per page per"
                        + " second), drew %d characters%n", PAGES, heard.get(), seconds, heard.get() / seconds / PAGES,
                        drawn.get());
            }
        }
    }

    /** What a page does with a change: its texts and its chart, as LivePanel draws them. */
    private static String draw(Live live, DateTimeFormatter time) {
        var f = live.figures();
        String texts = f.summoned() + " " + f.present() + " " + f.activated() + " " + f.cast() + " "
                + f.turnoutPercent().toPlainString() + " " + f.quorumMet() + " " + live.kiosks() + live.alerts();
        return texts + TurnoutChart.draw(live.curve(), f.summoned(), time, "chart");
    }

    private Figures cast(LiveConferences.Open conference, List<String> cardList) throws Exception {
        BallotForm form = voting.form(conference.id()).orElseThrow();
        TestTablet tablet = new TestTablet(voting, ceremonies);
        tablet.manifest(conference.id());
        ConcurrentLinkedQueue<String> cards = new ConcurrentLinkedQueue<>(cardList);
        int n = cardList.size();
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(KIOSKS);
        List<Future<?>> running = new ArrayList<>();
        for (int k = 0; k < KIOSKS; k++) {
            String kiosk = "kiosk-" + UUID.randomUUID();
            running.add(pool.submit(() -> {
                go.await();
                String card;
                while ((card = cards.poll()) != null) {
                    int[] marks = new int[form.candidates().size()];
                    for (int c = 0; c < marks.length; c++) {
                        marks[c] = ThreadLocalRandom.current().nextInt(-1, 3);
                    }
                    // Sealed on the tablet, before the voter confirms: the server's part is commit and cast.
                    SealedBallot sealed = tablet.seal(conference.id(), marks).ballot();
                    long t0 = System.nanoTime();
                    CastOutcome outcome = tablet.cast(kiosk, conference.id(), card, sealed);
                    latencies[next.getAndIncrement()] = System.nanoTime() - t0;
                    if (!(outcome instanceof CastOutcome.Recorded)) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Future<?> k : running) {
            k.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        assertThat(refused.get()).as("no cast refused").isZero();
        Arrays.sort(latencies);
        var f = new Figures(n / seconds, latencies[n / 2] / 1e6, latencies[(int) Math.ceil(n * 0.99) - 1] / 1e6);
        System.out.printf("SUPERVISION-WHILE-CASTING run: %d ballots in %.1f s -> %.0f ballots/s, p50 %.0f ms, p99 %.0f ms%n",
                n, seconds, f.perSecond(), f.p50Millis(), f.p99Millis());
        return f;
    }
}
