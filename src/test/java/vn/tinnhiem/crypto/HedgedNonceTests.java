package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.bouncycastle.math.ec.ECPoint;
import vn.tinnhiem.crypto.internal.Base32;
import vn.tinnhiem.crypto.internal.Curve;

/**
 * A virtual machine restored from a snapshot replays its random generator: every draw after the
 * restore repeats. With nonces taken straight from the generator, two voters sealing after the
 * same restore would get the same r, so α would be equal and β − β' = (b − b')G would reveal
 * whether their votes differ. The nonces are hedged: each is a hash of fresh randomness AND the
 * secret (the votes, the share) AND the context, so different secrets give different nonces even
 * when the randomness repeats. Two {@link SeededRandom}s with one seed stand for the replayed
 * generator.
 */
class HedgedNonceTests {
    private static final int M = 4;
    private static Fixtures.Election election;

    @BeforeAll
    static void setUp() {
        election = Fixtures.election("hedge", M, BallotKind.THREE_LEVEL, 2, 3, new SeededRandom("hedge election"));
    }

    @AfterAll
    static void tearDown() {
        election.dealing().destroy();
    }

    private static SealedBallot sealAfterRestore(int... choices) {
        return new BallotSealer(election.ctx(), new SeededRandom("restored VM")).seal(choices);
    }

    private static byte[] alpha(SealedBallot b, int c, int l) {
        int off = BallotLayout.itemOffset(c, l, 3);
        return Arrays.copyOfRange(b.encode(), off, off + BallotLayout.PT);
    }

    @Test
    void replayed_randomness_and_different_votes_give_different_ciphertext_randomness() {
        SealedBallot a = sealAfterRestore(0, 1, 2, -1);
        SealedBallot b = sealAfterRestore(1, 1, 2, -1); // differs in candidate 0 only
        // Without hedging, α = rG of the first item was the same in both: the r was reused.
        assertFalse(Arrays.equals(alpha(a, 0, 0), alpha(b, 0, 0)), "α_{0,0} = rG repeated: r was reused");
        // Every nonce of the ballot depends on every vote, not only those of its own candidate.
        for (int c = 0; c < M; c++) {
            for (int l = 0; l < 3; l++) {
                assertFalse(Arrays.equals(alpha(a, c, l), alpha(b, c, l)), "r reused at (" + c + ", " + l + ")");
            }
        }
        // Nor do two different ballots share an id after the restore.
        assertNotEquals(a.id(), b.id());
        BallotVerifier v = new BallotVerifier(election.ctx(), new SeededRandom("verifier"));
        assertTrue(v.verify(a).ok());
        assertTrue(v.verify(b).ok());
    }

    @Test
    void replayed_randomness_and_the_same_vote_still_give_two_ballots() {
        // Two voters with the same choices after one restore: each ballot must still be its own
        // (a second identical ballot would be taken for a copy and counted once).
        SealedBallot a = sealAfterRestore(2, 0, -1, 1);
        SealedBallot b = sealAfterRestore(2, 0, -1, 1);
        assertNotEquals(a.id(), b.id());
        assertFalse(Arrays.equals(alpha(a, 0, 0), alpha(b, 0, 0)));
    }

    @Test
    void fresh_randomness_still_counts_for_the_same_vote() {
        BallotSealer s1 = new BallotSealer(election.ctx(), new SeededRandom("one"));
        BallotSealer s2 = new BallotSealer(election.ctx(), new SeededRandom("two"));
        SealedBallot a = s1.seal(new int[] {0, 0, 0, 0});
        SealedBallot b = s2.seal(new int[] {0, 0, 0, 0});
        SealedBallot c = s1.seal(new int[] {0, 0, 0, 0});
        assertFalse(Arrays.equals(alpha(a, 0, 0), alpha(b, 0, 0)));
        assertFalse(Arrays.equals(alpha(a, 0, 0), alpha(c, 0, 0)));
    }

    /** The proof's commitment a = vG + cK_i, recomputed from the published c and v. */
    private static ECPoint commitment(PartialDecryption pd, Point ki, int e) {
        BigInteger c = pd.challenges().get(e).value();
        BigInteger v = pd.responses().get(e).value();
        return Curve.G_TABLE.multiply(v).add(ki.ec().multiply(c)).normalize();
    }

    @Test
    void replayed_randomness_does_not_reuse_a_tellers_proof_nonce_on_another_tally() {
        // A teller decrypts two tallies after one restore (say a count done twice). With the same
        // u for both, v - v' = (c' - c) s_i would give away the share.
        BallotSealer sealer = new BallotSealer(election.ctx(), new SeededRandom("ballots"));
        List<SealedBallot> ballots = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ballots.add(sealer.seal(new int[] {i % 3, 1, -1, 2}));
        }
        EncryptedTally t1 = EncryptedTally.aggregate(election.ctx(), ballots.subList(0, 2), false);
        EncryptedTally t2 = EncryptedTally.aggregate(election.ctx(), ballots, false);
        TellerShare share = election.dealing().shares().get(0);
        PartialDecryption p1 = Decryption.partial(election.ctx(), t1, share, new SeededRandom("restored teller"));
        PartialDecryption p2 = Decryption.partial(election.ctx(), t2, share, new SeededRandom("restored teller"));
        Point ki = Ceremony.tellerKey(election.manifest().commitments(), 1);
        assertNotEquals(commitment(p1, ki, 0), commitment(p2, ki, 0), "proof nonce u reused");
        BigInteger q = Curve.Q;
        BigInteger recovered = p1.responses().get(0).value().subtract(p2.responses().get(0).value())
                .multiply(p2.challenges().get(0).value().subtract(p1.challenges().get(0).value()).modInverse(q)).mod(q);
        assertNotEquals(share.secret().reveal(), recovered);
        assertTrue(Decryption.check(election.ctx(), t1, p1).isEmpty());
        assertTrue(Decryption.check(election.ctx(), t2, p2).isEmpty());
    }

    @Test
    void replayed_randomness_does_not_repeat_a_cards_salt_and_nonce() {
        // Two ceremonies after one restore, the same passphrase typed for teller 1: a repeated salt
        // and GCM nonce would encrypt two shares under one key and one nonce.
        List<char[]> pass = new ArrayList<>(Arrays.asList("mật khẩu chung".toCharArray(), null, null));
        String cardA;
        String cardB;
        try (Ceremony.Dealing a = Ceremony.deal(2, 3, new SeededRandom("dealing A"));
                Ceremony.Dealing b = Ceremony.deal(2, 3, new SeededRandom("dealing B"))) {
            cardA = a.cards(election.manifest().hash(), pass, new SeededRandom("restored ceremony")).get(0);
            cardB = b.cards(election.manifest().hash(), pass, new SeededRandom("restored ceremony")).get(0);
        }
        byte[] pa = Base32.decode(cardA.substring(ShareCards.PREFIX.length()), Base32.RFC4648).orElseThrow();
        byte[] pb = Base32.decode(cardB.substring(ShareCards.PREFIX.length()), Base32.RFC4648).orElseThrow();
        int saltAndNonce = ShareCards.SALT + ShareCards.NONCE;
        assertFalse(Arrays.equals(pa, ShareCards.HEADER, ShareCards.HEADER + saltAndNonce,
                pb, ShareCards.HEADER, ShareCards.HEADER + saltAndNonce), "salt and nonce repeated");
    }
}
