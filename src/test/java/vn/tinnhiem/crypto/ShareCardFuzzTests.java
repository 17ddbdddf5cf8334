package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.tinnhiem.crypto.internal.Base32;

/**
 * A share card is read at the count from whatever a camera, a handheld scanner or a person's typing
 * gives: every input gets a reason, never an exception. Random text, random payloads and valid cards
 * mutated byte by byte (with the checksum made right again, so the mutation reaches the deeper checks).
 */
class ShareCardFuzzTests {

    private static Fixtures.Election e;
    private static List<String> cards;

    @BeforeAll
    static void setUp() {
        e = Fixtures.election("fuzz", 2, BallotKind.THREE_LEVEL, 2, 3, new SeededRandom("fuzz"));
        cards = e.dealing().cards(e.manifest().hash(), Arrays.asList("mật khẩu thẻ".toCharArray(), null, null),
                new SeededRandom("fuzz-cards"));
    }

    @AfterAll
    static void tearDown() {
        e.dealing().destroy();
    }

    private static ShareCards.Result read(String text) {
        return assertDoesNotThrow(() -> ShareCards.read(text, e.manifest(), "mật khẩu thẻ".toCharArray()), text);
    }

    private static String card(byte[] payload) {
        return ShareCards.PREFIX + Base32.encode(payload, Base32.RFC4648);
    }

    /** The payload with its checksum recomputed, as a forger (or a very unlucky scan) would present it. */
    private static byte[] withChecksum(byte[] payload) {
        byte[] body = Arrays.copyOf(payload, payload.length - ShareCards.CHECK);
        byte[] check = Hashing.hash(Hashing.TAG_CARD_CHECK, body);
        System.arraycopy(check, 0, payload, payload.length - ShareCards.CHECK, ShareCards.CHECK);
        return payload;
    }

    @Test
    void a_card_holding_zero_is_refused_with_a_reason() {
        TellerShare zero = new TellerShare(1, SecretScalar.fromBytes(new byte[32]));
        String card = ShareCards.write(e.manifest().hash(), zero, 2, 3, null, new SeededRandom("zero"));
        assertEquals(new ShareCards.Rejected(ShareCards.Reason.SHARE_OUT_OF_RANGE), read(card));
    }

    @Test
    void a_card_made_for_a_board_of_another_size_is_refused() {
        String card = ShareCards.write(e.manifest().hash(), e.dealing().shares().get(0), 2, 4, null,
                new SeededRandom("n4"));
        assertEquals(new ShareCards.Rejected(ShareCards.Reason.WRONG_BOARD_SIZE), read(card));
    }

    @Test
    void random_text_and_random_payloads_get_a_reason() {
        Random random = new Random(20261127);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcxyz01890 :-_/\\\u0000\u00e9\u1ea1\ud83d\ude00";
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? ShareCards.PREFIX : "");
            int length = random.nextInt(200);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertInstanceOf(ShareCards.Rejected.class, read(text.toString()));
            byte[] payload = new byte[random.nextInt(120)];
            random.nextBytes(payload);
            if (payload.length > ShareCards.CHECK && random.nextBoolean()) {
                payload[0] = (byte) ShareCards.VERSION;
                withChecksum(payload);
            }
            assertInstanceOf(ShareCards.Rejected.class, read(card(payload)));
        }
    }

    @Test
    void every_single_byte_change_of_a_valid_card_gets_a_reason_even_with_its_checksum_fixed() {
        Random random = new Random(42);
        for (String valid : cards) {
            byte[] original = Base32.decode(valid.substring(ShareCards.PREFIX.length()), Base32.RFC4648).orElseThrow();
            boolean wrapped = ShareCards.needsPassphrase(valid);
            for (int at = 0; at < original.length - ShareCards.CHECK; at++) {
                // A wrapped card costs an Argon2id run per read that reaches the seal: its header, and a
                // few places in the seal, are enough there.
                if (wrapped && at >= ShareCards.HEADER && at % 23 != 0) {
                    continue;
                }
                int[] values = wrapped ? new int[] {original[at] ^ 1}
                        : new int[] {0, 0xff, random.nextInt(256), original[at] ^ 1};
                for (int value : values) {
                    byte[] mutated = original.clone();
                    if (mutated[at] == (byte) value) {
                        continue;
                    }
                    mutated[at] = (byte) value;
                    // Every byte counts: a plain card's header is checked field by field and its share
                    // against the commitments; a wrapped card's header is the seal's associated data.
                    assertInstanceOf(ShareCards.Rejected.class, read(card(withChecksum(mutated.clone()))),
                            "byte " + at + " = " + value);
                    assertInstanceOf(ShareCards.Rejected.class, read(card(mutated)), "byte " + at + " (checksum)");
                }
            }
            // Cut short and grown longer.
            for (int length = 0; length < original.length + 8; length++) {
                if (length != original.length) {
                    assertInstanceOf(ShareCards.Rejected.class,
                            read(card(length > ShareCards.CHECK ? withChecksum(Arrays.copyOf(original, length))
                                    : Arrays.copyOf(original, length))));
                }
            }
        }
    }
}
