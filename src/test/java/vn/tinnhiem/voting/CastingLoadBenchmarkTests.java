package vn.tinnhiem.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.BALLOT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;

/**
 * The load harness for casting (docs/performance.md, "Casting"): 200 simulated tablets (threads, no one signed
 * in) commit and cast through the real VotingService into the real MariaDB, each ballot with its own activated
 * card and random marks, 13 and 44 candidates. The ballots are sealed in Java before the clock starts (the sealing
 * is the tablet's now); the server's part is timed: the commitment (card read, size, manifest hash, tracking code,
 * every proof checked, no copy) and the cast (card spent and ballot stored in one transaction). Prints ballots per
 * second and the latency from the tablet's commitment (the first call) to stored (the cast's return) at p50, p99
 * and max, and checks that nothing was lost or doubled. Run on its own:
 * {@code ./mvnw verify -Dtest=CastingLoadBenchmarkTests -Dgroups=benchmark -Dsurefire.excludedGroups=none}
 * (-Dcasting.ballots=N, -Dcasting.kiosks=K to change the load).
 */
@IntegrationTest
@Tag("benchmark")
@WithMockUser(username = "organiser", roles = "ADMIN")
class CastingLoadBenchmarkTests {

    private static final int KIOSKS = Integer.getInteger("casting.kiosks", 200);

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
    DSLContext db;

    /**
     * Saturation: every kiosk casts again the instant its last cast returns, so the figures are the most the
     * server stores per second. Latency here is queueing (Little: 200 in flight / throughput), not service time.
     */
    @Test
    void thirteen_candidates_as_fast_as_the_server_takes_them() throws Exception {
        Figures f = run(13, Integer.getInteger("casting.ballots", 2000), 0);
        assertThat(f.perSecond()).as("ballots per second, 13 candidates").isGreaterThanOrEqualTo(100);
    }

    @Test
    void forty_four_candidates_as_fast_as_the_server_takes_them() throws Exception {
        Figures f = run(44, Integer.getInteger("casting.ballots", 2000) / 2, 0);
        assertThat(f.perSecond()).as("ballots per second, 44 candidates").isGreaterThanOrEqualTo(40);
    }

    /**
     * The target's load: 100 ballots a second offered by 200 kiosks (each casts every 2 s, the kiosks' starts
     * spread evenly), a hundred times a real hall's rate (a voter takes half a minute or more per ballot).
     */
    @Test
    void thirteen_candidates_at_a_hundred_ballots_a_second() throws Exception {
        int n = Integer.getInteger("casting.ballots", 2000);
        Figures f = run(13, n, KIOSKS * 10);
        // Kept up: done within the schedule (n / 100 s, plus the last kiosk's start offset) and a second.
        assertThat(n / f.perSecond()).as("seconds for all casts at 100/s offered").isLessThan(n / 100.0 + 2 + 1);
        assertThat(f.p99Millis()).as("p99 confirm to stored, 13 candidates").isLessThan(1000);
    }

    @Test
    void forty_four_candidates_at_fifty_ballots_a_second() throws Exception {
        run(44, Integer.getInteger("casting.ballots", 2000) / 2, KIOSKS * 20);
    }

    record Figures(int ballots, double perSecond, double p50Millis, double p99Millis, double maxMillis) {}

    /** {@code paceMillis}: each kiosk casts every so many ms (0: back to back). */
    private Figures run(int candidates, int n, long paceMillis) throws Exception {
        VotingConferences.Open conf = new VotingConferences(elections, accounts, ceremonies, tokens)
                .open(candidates, BallotKind.THREE_LEVEL, n, 0);
        TestTablet tablet = new TestTablet(voting, ceremonies);
        Manifest manifest = tablet.manifest(conf.id());
        // The tablets' part, before the clock: n ballots sealed with random marks, blanks included.
        long sealStart = System.nanoTime();
        List<SealedBallot> sealed = IntStream.range(0, n).parallel().mapToObj(i -> {
            int[] marks = new int[candidates];
            for (int c = 0; c < candidates; c++) {
                marks[c] = ThreadLocalRandom.current().nextInt(-1, 3);
            }
            return TestTablet.seal(manifest, marks).ballot();
        }).toList();
        System.out.printf("CASTING sealed %d ballots of %d candidates in Java beforehand: %.1f s%n", n, candidates,
                (System.nanoTime() - sealStart) / 1e9);
        ConcurrentLinkedQueue<String> cards = new ConcurrentLinkedQueue<>(conf.activated());
        ConcurrentLinkedQueue<SealedBallot> ballots = new ConcurrentLinkedQueue<>(sealed);
        String hash = manifest.hashHex();
        long[] commits = new long[n];
        long[] latencies = new long[n];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<String> codes = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(KIOSKS);
        List<Future<?>> kiosks = new ArrayList<>();
        long[] startAt = new long[1];
        for (int k = 0; k < KIOSKS; k++) {
            String kiosk = "kiosk-" + UUID.randomUUID();
            long offset = paceMillis * k / KIOSKS;
            kiosks.add(pool.submit(() -> {
                go.await();
                long due = startAt[0] + offset * 1_000_000;
                String card;
                while (true) {
                    if (paceMillis > 0) {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        due += paceMillis * 1_000_000;
                    }
                    if ((card = cards.poll()) == null) {
                        break;
                    }
                    SealedBallot ballot = ballots.poll();
                    long t0 = System.nanoTime();
                    Commitment commitment = voting.commit(kiosk, conf.id(), card, hash, ballot.encode(),
                            ballot.trackingCode());
                    long t1 = System.nanoTime();
                    CastOutcome outcome = tablet.castCommitted(kiosk, conf.id(), card, commitment);
                    int at = next.getAndIncrement();
                    latencies[at] = System.nanoTime() - t0;
                    commits[at] = t1 - t0;
                    if (outcome instanceof CastOutcome.Recorded r) {
                        codes.add(r.trackingCode());
                    } else {
                        refusals.add(outcome.toString());
                    }
                }
                return null;
            }));
        }
        long start = System.nanoTime();
        startAt[0] = start;
        go.countDown();
        for (Future<?> k : kiosks) {
            k.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();

        Arrays.sort(latencies);
        Arrays.sort(commits);
        Figures f = new Figures(n, n / seconds, latencies[n / 2] / 1e6, latencies[(int) Math.ceil(n * 0.99) - 1] / 1e6,
                latencies[n - 1] / 1e6);
        System.out.printf("CASTING candidates=%d kiosks=%d pace=%d ms ballots=%d time=%.1f s -> %.0f ballots/s; commit->stored "
                + "p50=%.0f ms p99=%.0f ms max=%.0f ms (of which the commitment p50=%.0f ms p99=%.0f ms); cores=%d%n",
                candidates, KIOSKS, paceMillis, n, seconds, f.perSecond(), f.p50Millis(), f.p99Millis(), f.maxMillis(),
                commits[n / 2] / 1e6, commits[(int) Math.ceil(n * 0.99) - 1] / 1e6, Runtime.getRuntime().availableProcessors());

        assertThat(refusals).as("no cast refused").isEmpty();
        assertThat(codes).hasSize(n);
        assertThat(new HashSet<>(codes)).as("no tracking code twice").hasSize(n);
        assertThat(db.fetchCount(BALLOT, BALLOT.ELECTION_ID.eq(conf.id().value()))).as("no ballot lost or doubled").isEqualTo(n);
        assertThat(tokens.counts(conf.id()).spent()).isEqualTo(n);
        return f;
    }
}
