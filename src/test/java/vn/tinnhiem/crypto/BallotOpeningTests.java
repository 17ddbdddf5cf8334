package vn.tinnhiem.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The opening of a sealed ballot (docs/protocol.md 5.6): what the sealer reveals opens its ballot to the choices
 * sealed, and anything else (a changed choice, nonce, header or size, another ballot's opening) is a mismatch
 * naming the first check that failed, never an exception.
 */
class BallotOpeningTests {
    private static final SeededRandom RNG = new SeededRandom("opening");
    private static Fixtures.Election three;
    private static Fixtures.Election two;

    @BeforeAll
    static void setUp() {
        three = Fixtures.election("opening-3", 4, BallotKind.THREE_LEVEL, 1, 1, RNG);
        two = Fixtures.election("opening-2", 4, BallotKind.TWO_LEVEL, 1, 1, RNG);
    }

    @AfterAll
    static void tearDown() {
        three.dealing().destroy();
        two.dealing().destroy();
    }

    private static BallotSealer.Openable seal(Fixtures.Election e, int... choices) {
        return new BallotSealer(e.ctx(), RNG).sealOpenable(choices);
    }

    private static BallotOpening.Result open(Fixtures.Election e, BallotSealer.Openable s, byte[] opening) {
        return BallotOpening.open(e.ctx(), s.ballot(), opening);
    }

    private static String mismatch(BallotOpening.Result r) {
        assertThat(r).isInstanceOf(BallotOpening.Mismatch.class);
        return ((BallotOpening.Mismatch) r).reason();
    }

    @Test
    void the_sealers_opening_opens_its_ballot_to_the_choices_of_both_kinds_and_the_ballot_verifies() {
        for (Fixtures.Election e : List.of(three, two)) {
            for (int round = 0; round < 20; round++) {
                int[] choices = Fixtures.randomChoices(4, e.ctx().levelCount(), RNG);
                BallotSealer.Openable s = seal(e, choices.clone());
                assertThat(s.opening()).hasSize(BallotOpening.size(4, e.ctx().levelCount()))
                        .hasSize(24 + 4 + 32 * 4 * e.ctx().levelCount());
                assertThat(new BallotVerifier(e.ctx(), RNG).verify(s.ballot()).ok()).isTrue();
                assertThat(open(e, s, s.opening())).isInstanceOfSatisfying(BallotOpening.Opened.class,
                        o -> assertThat(o.choices()).containsExactly(choices));
            }
        }
    }

    @Test
    void the_opening_lays_out_header_choices_and_nonces_as_the_protocol_says() {
        BallotSealer.Openable s = seal(three, 2, -1, 0, 1);
        byte[] o = s.opening();
        byte[] b = s.ballot().encode();
        assertThat(Arrays.copyOfRange(o, 0, 5)).containsExactly('T', 'N', '1', 'O', 1);
        assertThat(Arrays.copyOfRange(o, 5, 24)).as("id, m, L as in the ballot").containsExactly(Arrays.copyOfRange(b, 5, 24));
        assertThat(Arrays.copyOfRange(o, 24, 28)).containsExactly(2, 0xFF, 0, 1);
        // alpha_{0,0} = r_{0,0} G
        BigInteger r00 = new BigInteger(1, Arrays.copyOfRange(o, 28, 60));
        assertThat(Point.multiplyG(new Scalar(r00)).encodeUncompressed()).containsExactly(Arrays.copyOfRange(b, 24, 24 + 65));
    }

    @Test
    void every_tampering_is_a_mismatch_naming_the_check_that_failed() {
        BallotSealer.Openable s = seal(three, 2, -1, 0, 1);
        int levels = 3;
        int m = 4;
        int nonces = 24 + m;

        assertThat(mismatch(open(three, s, with(s.opening(), 0, 'X')))).isEqualTo("HEADER");
        assertThat(mismatch(open(three, s, with(s.opening(), 4, 2)))).as("version").isEqualTo("HEADER");
        assertThat(mismatch(open(three, s, with(s.opening(), 7, s.opening()[7] ^ 1)))).as("id").isEqualTo("HEADER");
        assertThat(mismatch(open(three, s, with(s.opening(), 23, 2)))).as("L").isEqualTo("HEADER");
        assertThat(mismatch(open(three, s, with(s.opening(), 24, 3)))).as("a level out of range").isEqualTo("CHOICE");
        assertThat(mismatch(open(three, s, with(s.opening(), 25, 0xFE)))).as("neither a level nor blank").isEqualTo("CHOICE");
        assertThat(mismatch(open(three, s, with(s.opening(), 24, 1)))).as("another level claimed")
                .isEqualTo("CIPHERTEXT c=0 l=1");
        assertThat(mismatch(open(three, s, with(s.opening(), 25, 0)))).as("a blank claimed as marked")
                .isEqualTo("CIPHERTEXT c=1 l=0");
        assertThat(mismatch(open(three, s, with(s.opening(), 26, 0xFF)))).as("a mark claimed as blank")
                .isEqualTo("CIPHERTEXT c=2 l=0");

        byte[] zero = s.opening().clone();
        Arrays.fill(zero, nonces, nonces + 32, (byte) 0);
        assertThat(mismatch(open(three, s, zero))).isEqualTo("NONCE_RANGE");
        byte[] q = s.opening().clone();
        int last = nonces + 32 * (m * levels - 1);
        System.arraycopy(Scalar.Q.toByteArray(), 1, q, last, 32);
        assertThat(mismatch(open(three, s, q))).isEqualTo("NONCE_RANGE");
        byte[] plusOne = s.opening().clone();
        plusOne[last + 31] ^= 1;
        assertThat(mismatch(open(three, s, plusOne))).isEqualTo("CIPHERTEXT c=3 l=2");

        assertThat(mismatch(open(three, s, Arrays.copyOf(s.opening(), s.opening().length - 1)))).isEqualTo("WRONG_SHAPE");
        assertThat(mismatch(open(three, s, Arrays.copyOf(s.opening(), s.opening().length + 32)))).isEqualTo("WRONG_SHAPE");
        assertThat(mismatch(open(three, s, new byte[0]))).isEqualTo("WRONG_SHAPE");
        assertThat(mismatch(BallotOpening.open(two.ctx(), s.ballot(), s.opening()))).as("another manifest's shape")
                .isEqualTo("WRONG_SHAPE");
        assertThat(mismatch(BallotOpening.open(three.ctx(), SealedBallot.of(new byte[10]), s.opening())))
                .isEqualTo("WRONG_SHAPE");

        // The opening of another ballot with the same choices, its header made to name this one: the nonces differ.
        BallotSealer.Openable other = seal(three, 2, -1, 0, 1);
        byte[] borrowed = other.opening();
        System.arraycopy(s.opening(), 0, borrowed, 0, 24);
        assertThat(mismatch(open(three, s, borrowed))).isEqualTo("CIPHERTEXT c=0 l=0");
        // And this opening against a ballot whose ciphertext was changed after sealing.
        byte[] changed = s.ballot().encode();
        changed[24 + 64] ^= 1;
        assertThat(mismatch(BallotOpening.open(three.ctx(), SealedBallot.of(changed), s.opening())))
                .isEqualTo("CIPHERTEXT c=0 l=0");
    }

    @Test
    void random_bytes_of_any_length_never_throw() {
        BallotSealer.Openable s = seal(two, 0, 1, -1, 0);
        int size = s.opening().length;
        for (int round = 0; round < 200; round++) {
            byte[] junk = new byte[round % 2 == 0 ? size : RNG.nextInt(2 * size)];
            RNG.nextBytes(junk);
            if (round % 4 == 0) {
                System.arraycopy(s.opening(), 0, junk, 0, Math.min(junk.length, 24 + 4));
            }
            assertThat(BallotOpening.open(two.ctx(), s.ballot(), junk)).isInstanceOf(BallotOpening.Mismatch.class);
        }
    }

    /** A copy of {@code bytes} with one byte changed. */
    private static byte[] with(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }
}
