package vn.tinnhiem.crypto;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import vn.tinnhiem.crypto.internal.Hex;

/**
 * The ballot box opened for the count: every stored ballot checked, copies counted once, and the
 * sum of the rest. It is the one way from stored ballots to a tally, so no caller can skip the
 * proofs or count a copied ballot twice (docs/protocol.md 5.4, 10.2).
 */
public final class BallotBox {
    private BallotBox() {}

    /** A stored ballot that failed verification: never counted, listed by its stored id and code. */
    public record SetAside(String id, String trackingCode, SealedBallot ballot, BallotCheck check) {}

    /**
     * A stored ballot not counted because it repeats a counted one: the same id ({@code sameId}),
     * or the same ciphertexts under another id. {@code copyOf} is the counted ballot's id.
     */
    public record Copy(String id, String trackingCode, SealedBallot ballot, String copyOf, boolean sameId) {}

    /**
     * What the box held. {@code counted} is sorted by id, so its order says nothing of the order of
     * casting; {@code tally} sums exactly those ballots, and is null when none is counted (every total
     * is then the point at infinity: nothing to decrypt, the counts are {@link Counts#noBallots}).
     */
    public record Opened(int stored, List<SealedBallot> counted, List<SetAside> setAside, List<Copy> copies,
            @Nullable EncryptedTally tally) {
        public Opened {
            counted = List.copyOf(counted);
            setAside = List.copyOf(setAside);
            copies = List.copyOf(copies);
        }
    }

    /**
     * Checks every stored ballot (in batches, on the common pool), sets aside those that fail, counts
     * each ballot once, and sums the counted ones. {@code progress} hears how many have been checked.
     */
    public static Opened open(ElectionContext ctx, List<SealedBallot> stored, SecureRandom rng,
            IntConsumer progress) {
        BallotVerifier.BatchResult batch = new BallotVerifier(ctx, rng).verifyAll(stored, true, progress);
        Set<Integer> refused = new HashSet<>();
        batch.rejected().forEach(r -> refused.add(r.index()));
        Set<Integer> sameIdCopies = new HashSet<>();
        batch.copies().forEach(c -> sameIdCopies.add(c.index()));

        List<Copy> copies = new ArrayList<>();
        for (BallotVerifier.Copy c : batch.copies()) {
            SealedBallot b = stored.get(c.index());
            copies.add(new Copy(b.id(), b.trackingCode(), b, stored.get(c.first()).id(), true));
        }
        List<SealedBallot> passed = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            if (!refused.contains(i) && !sameIdCopies.contains(i)) {
                passed.add(stored.get(i));
            }
        }
        // No two counted ballots share ciphertexts, whatever their ids and proofs: the same encrypted choices
        // under a new id with fresh proofs are the same vote. The one with the smallest id is counted.
        passed.sort(Comparator.comparing(SealedBallot::id));
        List<SealedBallot> counted = new ArrayList<>();
        Map<String, SealedBallot> countedByCiphertexts = new HashMap<>();
        for (SealedBallot b : passed) {
            SealedBallot first = countedByCiphertexts.putIfAbsent(Hex.encode(b.ciphertextsHash()), b);
            if (first == null) {
                counted.add(b);
            } else {
                copies.add(new Copy(b.id(), b.trackingCode(), b, first.id(), false));
            }
        }
        // A ballot copied under a new id fails its binding proof; it is still a copy, not tampering of
        // its own, and is reported as such.
        List<SetAside> setAside = new ArrayList<>();
        for (BallotVerifier.Rejected r : batch.rejected()) {
            SealedBallot b = stored.get(r.index());
            SealedBallot original = countedByCiphertexts.get(Hex.encode(b.ciphertextsHash()));
            if (original != null) {
                copies.add(new Copy(r.check().ballotId(), r.check().trackingCode(), b, original.id(), false));
            } else {
                setAside.add(new SetAside(r.check().ballotId(), r.check().trackingCode(), b, r.check()));
            }
        }
        counted.sort(Comparator.comparing(SealedBallot::id));
        copies.sort(Comparator.comparing(Copy::id));
        EncryptedTally tally = counted.isEmpty() ? null
                : EncryptedTally.aggregate(ctx, counted, true);
        return new Opened(stored.size(), counted, setAside, copies, tally);
    }
}
