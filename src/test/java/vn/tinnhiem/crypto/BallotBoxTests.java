package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The ballot box as the count opens it: a ballot that fails is set aside, a copy (the same bytes, the same id,
 * or the same ciphertexts under a new id) is counted once, and the tally sums exactly the counted ballots.
 */
class BallotBoxTests {

    private static final SecureRandom RNG = new SecureRandom();
    private static final Fixtures.Election E = Fixtures.election("box", 3, BallotKind.THREE_LEVEL, 2, 3, RNG);

    @AfterAll
    static void forget() {
        E.dealing().destroy();
    }

    private static Counts decrypt(EncryptedTally tally) {
        List<PartialDecryption> partials = List.of(Decryption.partial(E.ctx(), tally, E.dealing().shares().get(0), RNG),
                Decryption.partial(E.ctx(), tally, E.dealing().shares().get(2), RNG));
        return ((Decryption.Decrypted) Decryption.combine(E.ctx(), tally, partials)).counts();
    }

    @Test
    void copies_count_once_a_changed_ballot_is_set_aside_and_the_tally_sums_exactly_the_rest() {
        BallotSealer sealer = new BallotSealer(E.ctx(), RNG);
        List<SealedBallot> box = new ArrayList<>();
        for (int v = 0; v < 6; v++) {
            box.add(sealer.seal(new int[] {0, 1, 2}));
        }
        SealedBallot original = box.get(1);
        box.add(SealedBallot.of(original.encode()));                      // the same bytes again
        byte[] newId = original.encode();
        newId[BallotLayout.ID_OFFSET] ^= 0x55;                            // the same ciphertexts under a new id
        box.add(SealedBallot.of(newId));
        byte[] changed = box.get(4).encode();
        changed[changed.length - 3] ^= 1;                                  // a proof changed
        box.set(4, SealedBallot.of(changed));
        AtomicInteger progress = new AtomicInteger();

        BallotBox.Opened opened = BallotBox.open(E.ctx(), box, RNG, progress::set);

        assertEquals(8, opened.stored());
        assertEquals(8, progress.get(), "the progress reaches every stored ballot");
        assertEquals(5, opened.counted().size(), "6 cast, 1 changed: 5 counted, whatever the copies");
        assertEquals(List.of(box.get(4).id()), opened.setAside().stream().map(BallotBox.SetAside::id).toList());
        assertEquals(2, opened.copies().size());
        assertTrue(opened.copies().stream().allMatch(c -> c.copyOf().equals(original.id())));
        assertTrue(opened.copies().stream().anyMatch(BallotBox.Copy::sameId));
        assertTrue(opened.copies().stream().anyMatch(c -> !c.sameId()));
        assertEquals(opened.counted().stream().sorted(Comparator.comparing(SealedBallot::id)).toList(), opened.counted(),
                "counted ballots in id order, not the order they were stored");
        Counts counts = decrypt(opened.tally());
        assertEquals(5, counts.ballots());
        assertEquals(List.of(5, 0, 0), counts.candidates().get(0).levels());
        assertEquals(List.of(0, 0, 5), counts.candidates().get(2).levels());
    }

    @Test
    void an_empty_box_has_no_tally_and_a_clean_one_no_finding() {
        BallotBox.Opened empty = BallotBox.open(E.ctx(), List.of(), RNG, done -> {});
        assertNull(empty.tally());
        assertEquals(0, empty.counted().size());
        BallotSealer sealer = new BallotSealer(E.ctx(), RNG);
        BallotBox.Opened clean = BallotBox.open(E.ctx(), List.of(sealer.seal(new int[] {1, -1, 0}),
                sealer.seal(new int[] {1, 2, 0})), RNG, done -> {});
        assertTrue(clean.setAside().isEmpty());
        assertTrue(clean.copies().isEmpty());
        assertFalse(clean.counted().isEmpty());
        Counts.CandidateCount second = decrypt(clean.tally()).candidates().get(1);
        assertEquals(List.of(0, 0, 1), second.levels());
        assertEquals(1, second.invalid(), "one voter left the second candidate blank");
    }
}
