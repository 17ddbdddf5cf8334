package vn.tinnhiem.voting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.shared.ElectionId;

/**
 * Tablets casting every card of a conference through the real {@link VotingService} while something happens to
 * the database (a node killed), each turn as the tablet's page does it (KioskVoter): the scan
 * ({@link VotingService#admit}), the commitment of a sealed ballot, the cast. An honest failure is answered
 * "try again" (or "busy") and the voter does what the page then offers: a commitment that did not arrive means
 * marking again (a new seal, a new commitment), a cast that did not go through means tapping "Bỏ phiếu" again
 * with the same committed ballot. Every attempt is kept (card, step, the sealed ballot's tracking code, start,
 * end, answer), so the test can hold each answer against what the box holds afterwards. Test-only.
 */
final class FailoverBurst {

    /** The voter's pause before tapping again after "try again". */
    private static final long PAUSE_MILLIS = 150;

    /** One call to the service. {@code answer}: RECORDED, a refusal or fault key, or THREW and the exception. */
    record Attempt(String card, String step, String trackingCode, long startNanos, long endNanos, String answer) {
        boolean recorded() {
            return answer.equals(RECORDED);
        }
    }

    /** What the burst saw; nanosecond times from {@link System#nanoTime()}. */
    record Result(List<Attempt> attempts, Map<String, String> recorded, Map<String, String> finalAnswers,
            long startNanos, long endNanos, long actedAtNanos) {

        /** The calls that threw instead of answering: each one is a page that shows "something went wrong". */
        List<Attempt> threw() {
            return attempts.stream().filter(a -> a.answer().startsWith(THREW)).toList();
        }

        /** From the action to the first cast recorded that began after it, or empty if none did. */
        OptionalLong millisToFirstRecordedAfterAction() {
            return attempts.stream().filter(a -> a.step().equals(CAST) && a.recorded() && a.startNanos() >= actedAtNanos)
                    .mapToLong(a -> (a.endNanos() - actedAtNanos) / 1_000_000).min();
        }

        /** Per card, from its first call to its last answer (the voter's whole wait), sorted, in ms. */
        long[] turnMillis() {
            Map<String, long[]> span = new ConcurrentHashMap<>();
            for (Attempt a : attempts) {
                span.merge(a.card(), new long[] {a.startNanos(), a.endNanos()},
                        (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
            }
            long[] millis = span.values().stream().mapToLong(s -> (s[1] - s[0]) / 1_000_000).sorted().toArray();
            return millis;
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    static final String RECORDED = "RECORDED";
    static final String THREW = "THREW ";
    static final String SCAN = "scan";
    static final String COMMIT = "commit";
    static final String CAST = "cast";

    private final VotingService voting;
    private final TestTablet tablet;
    private final ElectionId electionId;
    private final Manifest manifest;

    FailoverBurst(VotingService voting, TestTablet tablet, ElectionId electionId) {
        this.voting = voting;
        this.tablet = tablet;
        this.electionId = electionId;
        this.manifest = tablet.manifest(electionId);
    }

    /**
     * Whether the answer is an honest "not recorded, your card still works, try again": the service's
     * {@code tryAgain}, and "busy" (bounded retries that ran out) or "database down".
     */
    static boolean tryAgain(String answer) {
        return VotingService.mayTryAgain(answer);
    }

    /**
     * Whether the voter tries again after this answer: "try again", and also an error page (a call that threw,
     * which the test reports as a failure of its own), so that the rest of the burst is still checked.
     */
    private static boolean voterTriesAgain(String answer) {
        return tryAgain(answer) || answer.startsWith(THREW);
    }

    /**
     * {@code tablets} tablets cast {@code cards}; once {@code actAfter} casts are recorded, {@code action} runs on
     * a thread of its own (the tablets go on). A voter told "try again" tries again until {@code giveUpMillis}
     * after the start. Answers when every card has a final answer or the voters gave up.
     */
    Result run(List<String> cards, int tablets, int actAfter, Runnable action, long giveUpMillis)
            throws InterruptedException {
        int candidates = manifest.candidateCount();
        // The tablets' sealing, before the clock (it is the tablet's work, not the server's).
        ConcurrentLinkedQueue<SealedBallot> sealed = new ConcurrentLinkedQueue<>(cards.parallelStream()
                .map(c -> TestTablet.seal(manifest, marks(candidates)).ballot()).toList());
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(cards);
        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        Map<String, String> recorded = new ConcurrentHashMap<>();
        Map<String, String> finals = new ConcurrentHashMap<>();
        AtomicInteger recordedCount = new AtomicInteger();
        AtomicLong actedAt = new AtomicLong(Long.MAX_VALUE);
        long start = System.nanoTime();
        long giveUp = start + TimeUnit.MILLISECONDS.toNanos(giveUpMillis);
        Thread actor = Thread.ofPlatform().name("burst-action").start(() -> {
            while (recordedCount.get() < actAfter && finals.size() < cards.size() && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            if (action != null && System.nanoTime() < giveUp) {
                actedAt.set(System.nanoTime());
                action.run();
            }
        });
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < tablets; t++) {
            String kiosk = "failover-" + UUID.randomUUID();
            threads.add(Thread.ofPlatform().name("tablet-" + t).start(() -> {
                for (String card = queue.poll(); card != null; card = queue.poll()) {
                    String last = turn(kiosk, card, sealed.poll(), candidates, attempts, giveUp);
                    finals.put(card, last);
                    if (last.startsWith(RECORDED)) {
                        recorded.put(card, last.substring(RECORDED.length() + 1));
                        recordedCount.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long end = System.nanoTime();
        actor.join();
        return new Result(List.copyOf(attempts), Map.copyOf(recorded), Map.copyOf(finals), start, end, actedAt.get());
    }

    /** One voter's turn with one card; answers "RECORDED code", or the last answer that ended the turn. */
    private String turn(String kiosk, String card, SealedBallot ballot, int candidates,
            ConcurrentLinkedQueue<Attempt> attempts, long giveUp) {
        String scan = call(attempts, card, SCAN, null, () -> switch (voting.admit(kiosk, electionId, card)) {
            case Admission.Admitted a -> "ADMITTED";
            case Admission.Refused r -> r.reasonKey();
        });
        while (voterTriesAgain(scan) && pause(giveUp)) {
            scan = call(attempts, card, SCAN, null, () -> switch (voting.admit(kiosk, electionId, card)) {
                case Admission.Admitted a -> "ADMITTED";
                case Admission.Refused r -> r.reasonKey();
            });
        }
        if (!scan.equals("ADMITTED")) {
            return scan;
        }
        while (true) {
            SealedBallot current = ballot;
            Commitment[] commitment = new Commitment[1];
            String committed = call(attempts, card, COMMIT, current.trackingCode(), () -> {
                commitment[0] = tablet.commit(kiosk, electionId, card, current);
                return switch (commitment[0]) {
                    case Commitment.Accepted a -> "ACCEPTED";
                    case Commitment.Refused r -> r.reasonKey();
                    case Commitment.Faulty f -> f.reasonKey();
                };
            });
            if (voterTriesAgain(committed)) {
                if (!pause(giveUp)) {
                    return committed;
                }
                // The page lost the marks with the commitment: the voter marks again, a new seal.
                ballot = TestTablet.seal(manifest, marks(candidates)).ballot();
                continue;
            }
            if (!committed.equals("ACCEPTED")) {
                return committed;
            }
            Committed accepted = ((Commitment.Accepted) commitment[0]).ballot();
            while (true) {
                String[] code = new String[1];
                String cast = call(attempts, card, CAST, current.trackingCode(), () -> switch (voting.cast(kiosk,
                        electionId, card, accepted)) {
                    case CastOutcome.Recorded r -> {
                        code[0] = r.trackingCode();
                        yield RECORDED;
                    }
                    case CastOutcome.Refused r -> r.reasonKey();
                });
                if (cast.equals(RECORDED)) {
                    return RECORDED + " " + code[0];
                }
                if (!voterTriesAgain(cast) || !pause(giveUp)) {
                    return cast;
                }
                // "Bỏ phiếu" again, the same committed ballot.
            }
        }
    }

    private static String call(ConcurrentLinkedQueue<Attempt> attempts, String card, String step, String code,
            java.util.function.Supplier<String> call) {
        long t0 = System.nanoTime();
        String answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            answer = THREW + e.getClass().getName() + ": " + firstLine(e.getMessage());
        }
        attempts.add(new Attempt(card, step, code, t0, System.nanoTime(), answer));
        return answer;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Waits the voter's pause; false once the voter would give up. */
    private static boolean pause(long giveUp) {
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS) > giveUp) {
            return false;
        }
        try {
            Thread.sleep(PAUSE_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int[] marks(int candidates) {
        int[] marks = new int[candidates];
        for (int c = 0; c < candidates; c++) {
            marks[c] = ThreadLocalRandom.current().nextInt(-1, 3);
        }
        return marks;
    }

    /** The p-th percentile (0..100) of sorted values. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * p / 100) - 1)];
    }

    static String summary(long[] sorted) {
        return sorted.length == 0 ? "none" : "p50 " + percentile(sorted, 50) + " / p99 " + percentile(sorted, 99)
                + " / max " + sorted[sorted.length - 1] + " ms" + (sorted.length < 100 ? " (" + sorted.length
                + " values)" : "");
    }

    static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
