package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShareCardTests {
    private static Fixtures.Election e;
    private static Fixtures.Election other;

    @BeforeAll
    static void setUp() {
        e = Fixtures.election("cards", 2, BallotKind.THREE_LEVEL, 2, 3, new SeededRandom("cards"));
        other = Fixtures.election("cards-other", 2, BallotKind.THREE_LEVEL, 2, 3, new SeededRandom("cards-other"));
    }

    @AfterAll
    static void tearDown() {
        e.dealing().destroy();
        other.dealing().destroy();
    }

    private static ShareCards.Result read(String text, char[] pass) {
        return ShareCards.read(text, e.manifest(), pass);
    }

    @Test
    void plain_card_round_trips_and_fits_the_qr_alphanumeric_mode() {
        List<String> cards = e.dealing().cards(e.manifest().hash(), List.of(), new SeededRandom("c1"));
        assertEquals(3, cards.size());
        for (int i = 0; i < 3; i++) {
            String card = cards.get(i);
            assertTrue(card.matches("TN1S:[A-Z2-7]+"), card);
            assertTrue(card.length() < 100);
            ShareCards.Accepted ok = assertInstanceOf(ShareCards.Accepted.class, read(card, null));
            assertEquals(i + 1, ok.share().index());
            assertTrue(ok.share().secret().sameAs(e.dealing().shares().get(i).secret()));
            assertFalse(ShareCards.needsPassphrase(card));
        }
    }

    @Test
    void passphrase_card_opens_with_the_passphrase_only() {
        char[] pass = "mật khẩu Ban kiểm phiếu".toCharArray();
        String card = e.dealing().cards(e.manifest().hash(), Arrays.asList(pass, null, null), new SeededRandom("c2")).get(0);
        assertTrue(card.length() < 170);
        assertTrue(ShareCards.needsPassphrase(card));
        ShareCards.Accepted ok = assertInstanceOf(ShareCards.Accepted.class, read(card, pass.clone()));
        assertEquals(1, ok.share().index());
        assertEquals(new ShareCards.Rejected(ShareCards.Reason.WRONG_PASSPHRASE), read(card, "mat khau".toCharArray()));
        assertEquals(new ShareCards.Rejected(ShareCards.Reason.PASSPHRASE_REQUIRED), read(card, null));
    }

    @Test
    void corrupted_card_fails_its_checksum() {
        String card = e.dealing().cards(e.manifest().hash(), List.of(), new SeededRandom("c3")).get(1);
        for (int pos : new int[] {5, 12, 40, card.length() - 1}) {
            char ch = card.charAt(pos);
            String bad = card.substring(0, pos) + (ch == 'A' ? 'B' : 'A') + card.substring(pos + 1);
            ShareCards.Result r = read(bad, null);
            assertTrue(r.equals(new ShareCards.Rejected(ShareCards.Reason.CHECKSUM_MISMATCH))
                    || r.equals(new ShareCards.Rejected(ShareCards.Reason.BAD_CHARACTERS)), r.toString());
        }
        assertEquals(new ShareCards.Rejected(ShareCards.Reason.BAD_CHARACTERS), read(card + "1", null));
        byte[] payload = vn.tinnhiem.crypto.internal.Base32.decode(card.substring(5), vn.tinnhiem.crypto.internal.Base32.RFC4648).orElseThrow();
        String truncated = "TN1S:" + vn.tinnhiem.crypto.internal.Base32.encode(java.util.Arrays.copyOf(payload, payload.length - 1),
                vn.tinnhiem.crypto.internal.Base32.RFC4648);
        assertEquals(new ShareCards.Rejected(ShareCards.Reason.CHECKSUM_MISMATCH), read(truncated, null));
    }

    @Test
    void card_of_another_election_is_refused_as_such() {
        String card = other.dealing().cards(other.manifest().hash(), List.of(), new SeededRandom("c4")).get(0);
        assertEquals(new ShareCards.Rejected(ShareCards.Reason.OTHER_ELECTION), read(card, null));
    }

    @Test
    void card_whose_share_does_not_match_the_commitments_is_refused() {
        String card = other.dealing().cards(e.manifest().hash(), List.of(), new SeededRandom("c5")).get(0);
        assertEquals(new ShareCards.Rejected(ShareCards.Reason.SHARE_DOES_NOT_MATCH_COMMITMENTS), read(card, null));
    }

    @Test
    void things_that_are_not_cards_get_a_reason_not_an_exception() {
        assertEquals(new ShareCards.Rejected(ShareCards.Reason.NOT_A_SHARE_CARD), read("hello", null));
        assertEquals(new ShareCards.Rejected(ShareCards.Reason.BAD_CHARACTERS), read("TN1S:abc", null));
        assertEquals(new ShareCards.Rejected(ShareCards.Reason.WRONG_LENGTH), read("TN1S:AAAA", null));
        assertEquals(new ShareCards.Rejected(ShareCards.Reason.WRONG_LENGTH), read("TN1S:", null));
    }
}
