package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.crypto.internal.Hex;

/**
 * The JSON forms the app exports (docs/protocol.md): fixed key order, no whitespace, and every
 * value the hex of the canonical bytes, so that the JSON and the binary form say the same thing;
 * the tally of a conference with no ballots; copied ballots counted once and reported.
 */
class ExportJsonTests {
    private static Fixtures.Election election;
    private static final SeededRandom RNG = new SeededRandom("export json");

    @BeforeAll
    static void setUp() {
        election = Fixtures.election("json", 2, BallotKind.THREE_LEVEL, 2, 3, RNG);
    }

    @AfterAll
    static void tearDown() {
        election.dealing().destroy();
    }

    /** Every "key":"hex" value in document order. */
    private static String hexValues(String json, String keys) {
        Matcher m = Pattern.compile("\"(" + keys + ")\":\"([0-9a-f]+)\"").matcher(json);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            sb.append(m.group(2));
        }
        return sb.toString();
    }

    @Test
    void a_sealed_ballot_as_json_holds_exactly_its_bytes_in_order() {
        SealedBallot b = new BallotSealer(election.ctx(), RNG).seal(new int[] {0, -1});
        String json = b.toJson();
        assertTrue(json.startsWith("{\"id\":\"" + b.id() + "\",\"trackingCode\":\"" + b.trackingCode()
                + "\",\"m\":2,\"levels\":3,\"candidates\":[{\"levels\":[{\"alpha\":\"04"), json.substring(0, 200));
        assertTrue(json.contains("\"proof\":{\"a0\":\"04"));
        assertTrue(json.contains("],\"sumProof\":{\"a0\":\"04"));
        assertFalse(json.contains(" "));
        String body = hexValues(json, "alpha|beta|a0|b0|a1|b1|c0|v0|v1");
        assertEquals(Hex.encode(b.encode()).substring(2 * BallotLayout.HEADER), body);
        byte[] bad = b.encode();
        bad[22] = 3; // m no longer matches the length
        assertThrows(InvalidEncodingException.class, () -> SealedBallot.of(bad).toJson());
    }

    @Test
    void a_tally_and_a_partial_decryption_as_json_match_their_bytes() {
        BallotSealer sealer = new BallotSealer(election.ctx(), RNG);
        EncryptedTally tally = EncryptedTally.aggregate(election.ctx(),
                List.of(sealer.seal(new int[] {0, 1}), sealer.seal(new int[] {2, -1})), false);
        String tj = tally.toJson();
        assertTrue(tj.startsWith("{\"ballots\":2,\"entries\":[{\"alpha\":\""));
        assertEquals(Hex.encode(tally.encode()).substring(2 * 13), hexValues(tj, "alpha|beta"));
        PartialDecryption pd = Decryption.partial(election.ctx(), tally, election.dealing().shares().get(1), RNG);
        String pj = pd.toJson();
        assertTrue(pj.startsWith("{\"teller\":2,\"entries\":[{\"share\":\""));
        assertEquals(Hex.encode(pd.encode()).substring(2 * 10), hexValues(pj, "share|challenge|response"));
    }

    @Test
    void the_tally_of_no_ballots_is_the_point_at_infinity_everywhere() {
        byte[] none = EncryptedTally.encodeNoBallots(election.ctx());
        int entries = 2 * 3;
        assertEquals(13 + 66 * entries, none.length);
        assertEquals("544e31540100000000" + "00000006", Hex.encode(java.util.Arrays.copyOf(none, 13)));
        for (int i = 13; i < none.length; i++) {
            assertEquals(0, none[i]);
        }
        String json = EncryptedTally.noBallotsJson(election.ctx());
        assertTrue(json.startsWith("{\"ballots\":0,\"entries\":[{\"alpha\":\"" + "00".repeat(33) + "\",\"beta\":\""));
        assertEquals(Hex.encode(none).substring(26), hexValues(json, "alpha|beta"));
        // O has no encoding as a point: a verifier reading a slot of zeros must not take it for one
        assertThrows(InvalidEncodingException.class, () -> Point.decode(new byte[33]));
        Counts zero = Counts.noBallots(election.ctx());
        assertEquals(0, zero.ballots());
        assertEquals(List.of(0, 0, 0), zero.candidates().get(1).levels());
    }

    @Test
    void a_ballot_copied_whole_or_under_its_id_is_counted_once_and_reported() {
        BallotSealer sealer = new BallotSealer(election.ctx(), RNG);
        SealedBallot a = sealer.seal(new int[] {0, 1});
        SealedBallot b = sealer.seal(new int[] {1, 1});
        // a valid ballot made (by a dishonest sealer) under a's id with other content
        CheatingProver.Spec spec = new CheatingProver.Spec(2, 3).vote(0, 2).vote(1, -1);
        spec.id = Hex.decode(a.id());
        SealedBallot sameId = new CheatingProver(election.ctx(), RNG).forge(spec).ballot();
        // a's content under a new id fails every proof (the id is bound into them)
        byte[] moved = a.encode();
        moved[BallotLayout.ID_OFFSET] ^= 1;
        List<SealedBallot> all = new ArrayList<>(List.of(a, b, SealedBallot.of(a.encode()), sameId, SealedBallot.of(moved)));
        BallotVerifier.BatchResult r = new BallotVerifier(election.ctx(), RNG).verifyAll(all, false);
        assertEquals(List.of(4), r.rejected().stream().map(BallotVerifier.Rejected::index).toList());
        assertEquals(List.of(BallotFailure.Part.BINDING), r.rejected().get(0).check().failures().stream()
                .map(BallotFailure::part).toList());
        assertEquals(List.of(new BallotVerifier.Copy(2, 0, true), new BallotVerifier.Copy(3, 0, false)), r.copies());
        assertEquals(List.of(0, 1), r.counted());
        assertFalse(r.allOk());
    }
}
