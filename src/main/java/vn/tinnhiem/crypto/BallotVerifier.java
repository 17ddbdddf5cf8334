package vn.tinnhiem.crypto;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Checks sealed ballots against a manifest. Never throws on bad input: the verdict lists what
 * failed. The weights of the linear combinations are a hash of randomness from the given
 * SecureRandom and of the ballots checked: unpredictable to whoever produced the ballots, even if
 * the random source repeats or is stuck.
 */
public final class BallotVerifier {
    /** Target number of MSM terms per batch chunk (one chunk = one random linear combination). */
    static final int CHUNK_TERMS = 150_000;

    private final ElectionContext ctx;
    private final SecureRandom rng;

    public BallotVerifier(ElectionContext ctx, SecureRandom rng) {
        this.ctx = ctx;
        this.rng = rng;
    }

    /** Every proof of one ballot: one random linear combination, then per proof if it fails. */
    public BallotCheck verify(SealedBallot ballot) {
        Verification.Parsed p = Verification.parse(ctx, ballot);
        return verdict(p, true);
    }

    private BallotCheck verdict(Verification.Parsed p, boolean tryCombined) {
        List<BallotFailure> failures = new ArrayList<>(p.failures);
        if (failures.size() == 1 && failures.get(0).part() == BallotFailure.Part.WRONG_SHAPE) {
            return new BallotCheck(p.ballot.id(), p.ballot.trackingCode(), failures);
        }
        if (p.wellFormed() && tryCombined) {
            Verification.Combination comb = new Verification.Combination(Verification.termsPerBallot(p.m, p.levels));
            boolean holds;
            try (var weights = Verification.weights(rng, List.of(p))) {
                Verification.addTerms(p, comb, weights, 0);
                holds = comb.holds(ctx);
            }
            if (holds) {
                return new BallotCheck(p.ballot.id(), p.ballot.trackingCode(), List.of());
            }
        }
        if (p.wellFormed()) {
            failures.addAll(Verification.proofFailures(ctx, p));
        } else {
            // Name the proofs that fail among those whose inputs decoded.
            for (BallotFailure f : Verification.proofFailures(ctx, p)) {
                if (f.part() == BallotFailure.Part.BINDING) {
                    continue;
                }
                boolean known = failures.stream().anyMatch(e -> e.candidate() == f.candidate()
                        && (e.level() == f.level() || e.part() == BallotFailure.Part.CIPHERTEXT_ENCODING));
                if (!known) {
                    failures.add(f);
                }
            }
        }
        return new BallotCheck(p.ballot.id(), p.ballot.trackingCode(), failures);
    }

    /** A ballot the batch rejected, with its position in the input list. */
    public record Rejected(int index, BallotCheck check) {}

    /**
     * A ballot that passed every check but repeats an earlier one of the batch (lower index, also
     * passed): the same bytes, or the same id with other content. It is counted once, under
     * {@code first}, and reported here.
     */
    public record Copy(int index, int first, boolean sameBytes) {}

    /**
     * The outcome of a batch: every ballot not listed passed every check and is counted; a ballot in
     * {@code copies} passed but is not counted again.
     */
    public record BatchResult(int checked, List<Rejected> rejected, List<Copy> copies) {
        public BatchResult {
            rejected = List.copyOf(rejected);
            copies = List.copyOf(copies);
        }

        public BatchResult(int checked, List<Rejected> rejected) {
            this(checked, rejected, List.of());
        }

        /** No ballot refused and none copied. */
        public boolean allOk() {
            return rejected.isEmpty() && copies.isEmpty();
        }

        /** The indexes of the ballots to count: passed, and not a copy of an earlier one. */
        public List<Integer> counted() {
            java.util.Set<Integer> out = new java.util.HashSet<>();
            rejected.forEach(r -> out.add(r.index()));
            copies.forEach(c -> out.add(c.index()));
            return IntStream.range(0, checked).filter(i -> !out.contains(i)).boxed().toList();
        }
    }

    /**
     * Verifies many ballots: chunks of about {@value #CHUNK_TERMS} terms are each checked with one
     * random linear combination (a multi-scalar multiplication); a chunk that fails falls back to
     * per-ballot checks naming each bad ballot and proof. With {@code parallel} the chunks run on
     * the common ForkJoin pool.
     */
    public BatchResult verifyAll(List<SealedBallot> ballots, boolean parallel) {
        return verifyAll(ballots, parallel, done -> {});
    }

    /**
     * As {@link #verifyAll(List, boolean)}, telling {@code progress} how many ballots have been checked
     * after each chunk (from any thread of the pool; the figures only grow).
     */
    public BatchResult verifyAll(List<SealedBallot> ballots, boolean parallel, java.util.function.IntConsumer progress) {
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        int per = Math.max(1, CHUNK_TERMS / Verification.termsPerBallot(ctx.candidateCount(), ctx.levelCount()));
        int chunks = (ballots.size() + per - 1) / per;
        IntStream s = IntStream.range(0, chunks);
        if (parallel) {
            s = s.parallel();
        }
        List<Rejected> rejected = s.mapToObj(ci -> {
                    int from = ci * per;
                    int to = Math.min(ballots.size(), (ci + 1) * per);
                    List<Rejected> r = verifyChunk(ballots, from, to);
                    progress.accept(done.addAndGet(to - from));
                    return r;
                })
                .flatMap(List::stream)
                .sorted(Comparator.comparingInt(Rejected::index))
                .toList();
        return new BatchResult(ballots.size(), rejected, copies(ballots, rejected));
    }

    /** Among the ballots that passed, each whose id was seen before (docs/protocol.md 5.4, copies). */
    private static List<Copy> copies(List<SealedBallot> ballots, List<Rejected> rejected) {
        java.util.Set<Integer> refused = new java.util.HashSet<>();
        rejected.forEach(r -> refused.add(r.index()));
        java.util.Map<String, Integer> firstById = new java.util.HashMap<>();
        List<Copy> out = new ArrayList<>();
        for (int i = 0; i < ballots.size(); i++) {
            if (refused.contains(i)) {
                continue;
            }
            Integer first = firstById.putIfAbsent(ballots.get(i).id(), i);
            if (first != null) {
                out.add(new Copy(i, first, ballots.get(i).equals(ballots.get(first))));
            }
        }
        return out;
    }

    private List<Rejected> verifyChunk(List<SealedBallot> ballots, int from, int to) {
        List<Rejected> out = new ArrayList<>();
        List<Verification.Parsed> good = new ArrayList<>(to - from);
        List<Integer> goodIndex = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Verification.Parsed p = Verification.parse(ctx, ballots.get(i));
            if (p.wellFormed()) {
                good.add(p);
                goodIndex.add(i);
            } else {
                out.add(new Rejected(i, verdict(p, false)));
            }
        }
        if (good.isEmpty()) {
            return out;
        }
        Verification.Combination comb = new Verification.Combination(
                good.size() * Verification.termsPerBallot(ctx.candidateCount(), ctx.levelCount()));
        boolean holds;
        try (var weights = Verification.weights(rng, good)) {
            for (int j = 0; j < good.size(); j++) {
                Verification.addTerms(good.get(j), comb, weights, j);
            }
            holds = comb.holds(ctx);
        }
        if (holds) {
            return out;
        }
        for (int j = 0; j < good.size(); j++) {
            BallotCheck check = verdict(good.get(j), true);
            if (!check.ok()) {
                out.add(new Rejected(goodIndex.get(j), check));
            }
        }
        return out;
    }
}
