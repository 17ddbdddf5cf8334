package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.crypto.BallotFailure.Part;

class TamperTests {
    private static final int M = 3;
    private static final int L = 3;
    private static Fixtures.Election e;
    private static SealedBallot ballot;
    private static BallotVerifier verifier;
    private static final SeededRandom RNG = new SeededRandom("tamper");

    @BeforeAll
    static void setUp() {
        e = Fixtures.election("tamper", M, BallotKind.THREE_LEVEL, 2, 3, RNG);
        ballot = new BallotSealer(e.ctx(), RNG).seal(new int[] {0, -1, 2});
        verifier = new BallotVerifier(e.ctx(), RNG);
    }

    @AfterAll
    static void tearDown() {
        e.dealing().destroy();
    }

    private static BallotCheck flip(int offset) {
        byte[] b = ballot.encode();
        b[offset] ^= 0x01;
        return verifier.verify(SealedBallot.of(b));
    }

    @Test
    void untouched_ballot_passes() {
        assertTrue(verifier.verify(ballot).ok());
    }

    @Test
    void flipped_header_is_a_wrong_shape() {
        for (int off : new int[] {0, 4, 21, 22, 23}) {
            assertEquals(List.of(new BallotFailure(-1, -1, Part.WRONG_SHAPE)), flip(off).failures(), "offset " + off);
        }
        byte[] shorter = java.util.Arrays.copyOf(ballot.encode(), ballot.size() - 1);
        assertEquals(Part.WRONG_SHAPE, verifier.verify(SealedBallot.of(shorter)).failures().get(0).part());
    }

    @Test
    void a_changed_id_breaks_every_proof_so_a_copy_must_keep_its_id() {
        byte[] b = ballot.encode();
        b[BallotLayout.ID_OFFSET + 3] ^= 1;
        SealedBallot changed = SealedBallot.of(b);
        assertEquals(List.of(new BallotFailure(-1, -1, Part.BINDING)), verifier.verify(changed).failures());
        assertNotEquals(ballot.trackingCode(), changed.trackingCode());
        assertTrue(changed.sameCiphertextsAs(ballot));
        assertArrayEquals(ballot.contentHash(), changed.contentHash());
    }

    @Test
    void a_candidate_block_spliced_in_from_another_ballot_breaks_every_proof() {
        // The replay that could reveal a voter's choice: lift one candidate's ciphertexts and proofs into
        // a ballot of one's own. The proofs are bound to all ciphertexts of the ballot they were made in.
        SealedBallot mine = new BallotSealer(e.ctx(), RNG).seal(new int[] {0, 0, 0});
        byte[] spliced = mine.encode();
        int size = BallotLayout.candidateSize(L);
        System.arraycopy(ballot.encode(), BallotLayout.itemOffset(1, 0, L), spliced, BallotLayout.itemOffset(1, 0, L), size);
        assertEquals(List.of(new BallotFailure(-1, -1, Part.BINDING)), verifier.verify(SealedBallot.of(spliced)).failures());
        assertTrue(verifier.verify(mine).ok());
    }

    @Test
    void flipped_ciphertext_byte_is_named_at_its_position() {
        for (int c = 0; c < M; c++) {
            for (int l = 0; l < L; l++) {
                int off = BallotLayout.itemOffset(c, l, L);
                for (int within : new int[] {1, 40, BallotLayout.PT + 1, BallotLayout.PT + 64}) {
                    List<BallotFailure> f = flip(off + within).failures();
                    assertEquals(List.of(new BallotFailure(c, l, Part.CIPHERTEXT_ENCODING)), f, "c=" + c + " l=" + l);
                }
            }
        }
    }

    @Test
    void flipped_bit_proof_byte_is_named_at_its_position() {
        for (int c = 0; c < M; c++) {
            for (int l = 0; l < L; l++) {
                int proof = BallotLayout.itemOffset(c, l, L) + BallotLayout.CT;
                for (int i = 0; i < 4; i++) {
                    assertEquals(List.of(new BallotFailure(c, l, Part.BIT_PROOF_ENCODING)),
                            flip(proof + i * BallotLayout.PT + 10).failures());
                }
                for (int i = 0; i < 3; i++) {
                    assertEquals(List.of(new BallotFailure(c, l, Part.BIT_PROOF)),
                            flip(proof + 4 * BallotLayout.PT + i * BallotLayout.SC + 31).failures());
                }
            }
        }
    }

    @Test
    void flipped_sum_proof_byte_is_named_at_its_candidate() {
        for (int c = 0; c < M; c++) {
            int proof = BallotLayout.sumProofOffset(c, L);
            for (int i = 0; i < 4; i++) {
                assertEquals(List.of(new BallotFailure(c, -1, Part.SUM_PROOF_ENCODING)),
                        flip(proof + i * BallotLayout.PT + 33).failures());
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(List.of(new BallotFailure(c, -1, Part.SUM_PROOF)),
                        flip(proof + 4 * BallotLayout.PT + i * BallotLayout.SC + 5).failures());
            }
        }
    }

    @Test
    void a_ciphertext_replaced_by_another_valid_point_breaks_the_binding_of_every_proof() {
        byte[] b = ballot.encode();
        byte[] other = Point.multiplyG(Scalar.of(12345)).encodeUncompressed();
        System.arraycopy(other, 0, b, BallotLayout.itemOffset(1, 2, L) + BallotLayout.PT, BallotLayout.PT);
        assertEquals(List.of(new BallotFailure(-1, -1, Part.BINDING)), verifier.verify(SealedBallot.of(b)).failures());
    }

    @Test
    void proof_made_for_one_position_fails_at_another() {
        // Two candidates' blocks swapped, and two levels swapped inside a candidate: every challenge
        // hashes its position, and the binding hashes the order of the ciphertexts.
        byte[] b = ballot.encode();
        int size = BallotLayout.candidateSize(L);
        byte[] c0 = java.util.Arrays.copyOfRange(b, BallotLayout.itemOffset(0, 0, L), BallotLayout.itemOffset(0, 0, L) + size);
        System.arraycopy(b, BallotLayout.itemOffset(1, 0, L), b, BallotLayout.itemOffset(0, 0, L), size);
        System.arraycopy(c0, 0, b, BallotLayout.itemOffset(1, 0, L), size);
        assertEquals(List.of(new BallotFailure(-1, -1, Part.BINDING)), verifier.verify(SealedBallot.of(b)).failures());

        byte[] s = ballot.encode();
        int a = BallotLayout.itemOffset(2, 0, L);
        int z = BallotLayout.itemOffset(2, 1, L);
        byte[] tmp = java.util.Arrays.copyOfRange(s, a, a + BallotLayout.ITEM);
        System.arraycopy(s, z, s, a, BallotLayout.ITEM);
        System.arraycopy(tmp, 0, s, z, BallotLayout.ITEM);
        assertEquals(List.of(new BallotFailure(-1, -1, Part.BINDING)), verifier.verify(SealedBallot.of(s)).failures());

        // Positions alone, with the binding intact: a proof moved to another position in its own ballot.
        byte[] t = ballot.encode();
        int from = BallotLayout.itemOffset(0, 0, L) + BallotLayout.CT;
        int to = BallotLayout.itemOffset(0, 1, L) + BallotLayout.CT;
        System.arraycopy(ballot.encode(), from, t, to, BallotLayout.PROOF);
        assertEquals(List.of(new BallotFailure(0, 1, Part.BIT_PROOF)), verifier.verify(SealedBallot.of(t)).failures());
    }

    @Test
    void ballot_of_another_election_is_named_as_such() {
        Fixtures.Election other = Fixtures.election("tamper-other", M, BallotKind.THREE_LEVEL, 2, 3, RNG);
        SealedBallot foreign = new BallotSealer(other.ctx(), RNG).seal(new int[] {1, 1, 1});
        assertEquals(List.of(new BallotFailure(-1, -1, Part.BINDING)), verifier.verify(foreign).failures());
        // same key, other candidate list: the manifest hash differs, so every proof fails
        Manifest relabelled = new Manifest("tamper", "other title", e.manifest().candidates(), BallotKind.THREE_LEVEL,
                e.manifest().ruleSet(), e.manifest().electionKey(), e.manifest().commitments(), 2, 3);
        assertEquals(List.of(new BallotFailure(-1, -1, Part.BINDING)),
                new BallotVerifier(ElectionContext.of(relabelled), RNG).verify(ballot).failures());
        other.dealing().destroy();
    }

    @Test
    void ballot_for_a_different_shape_is_a_wrong_shape() {
        Fixtures.Election two = Fixtures.election("tamper", M, BallotKind.TWO_LEVEL, 2, 3, RNG);
        assertEquals(Part.WRONG_SHAPE, new BallotVerifier(two.ctx(), RNG).verify(ballot).failures().get(0).part());
        two.dealing().destroy();
    }

    @Test
    void batch_names_exactly_the_bad_ballots_and_their_proofs() {
        BallotSealer sealer = new BallotSealer(e.ctx(), RNG);
        List<SealedBallot> ballots = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ballots.add(sealer.seal(Fixtures.randomChoices(M, L, RNG)));
        }
        assertTrue(verifier.verifyAll(ballots, true).allOk());
        byte[] b3 = ballots.get(3).encode();
        b3[BallotLayout.sumProofOffset(2, L) + 4 * BallotLayout.PT + 1] ^= 1;
        ballots.set(3, SealedBallot.of(b3));
        byte[] b7 = ballots.get(7).encode();
        b7[BallotLayout.itemOffset(0, 1, L) + 7] ^= 1;
        ballots.set(7, SealedBallot.of(b7));
        byte[] b9 = ballots.get(9).encode();
        b9[BallotLayout.itemOffset(1, 1, L) + BallotLayout.CT + 4 * BallotLayout.PT + 2 * BallotLayout.SC + 9] ^= 1;
        ballots.set(9, SealedBallot.of(b9));
        BallotVerifier.BatchResult r = verifier.verifyAll(ballots, true);
        assertEquals(12, r.checked());
        assertEquals(List.of(3, 7, 9), r.rejected().stream().map(BallotVerifier.Rejected::index).toList());
        assertEquals(List.of(new BallotFailure(2, -1, Part.SUM_PROOF)), r.rejected().get(0).check().failures());
        assertEquals(List.of(new BallotFailure(0, 1, Part.CIPHERTEXT_ENCODING)), r.rejected().get(1).check().failures());
        assertEquals(List.of(new BallotFailure(1, 1, Part.BIT_PROOF)), r.rejected().get(2).check().failures());
        assertEquals(ballots.get(9).trackingCode(), r.rejected().get(2).check().trackingCode());
    }

    @Test
    void tampered_partial_decryption_is_refused_and_named() {
        BallotSealer sealer = new BallotSealer(e.ctx(), RNG);
        List<SealedBallot> ballots = List.of(sealer.seal(new int[] {0, 1, 2}), sealer.seal(new int[] {2, -1, 2}));
        EncryptedTally tally = EncryptedTally.aggregate(e.ctx(), ballots, false);
        List<TellerShare> shares = e.dealing().shares();
        PartialDecryption p1 = Decryption.partial(e.ctx(), tally, shares.get(0), RNG);
        PartialDecryption p2 = Decryption.partial(e.ctx(), tally, shares.get(1), RNG);
        PartialDecryption p3 = Decryption.partial(e.ctx(), tally, shares.get(2), RNG);
        assertEquals(p1, PartialDecryption.decode(p1.encode()));
        assertTrue(Decryption.check(e.ctx(), tally, p1).isEmpty());
        byte[] raw = p2.encode();
        int entry = 4;
        int off = 10 + 97 * entry;
        // every byte of one entry (D, c, v): the check names the entry, as bad encoding or wrong proof
        for (int within = 0; within < 97; within++) {
            byte[] b = raw.clone();
            b[off + within] ^= 1;
            List<Decryption.Problem> problems = Decryption.check(e.ctx(), tally, b);
            assertEquals(1, problems.size(), "byte " + within);
            Decryption.Problem pr = problems.get(0);
            assertEquals(2, pr.teller());
            assertEquals(List.of(entry), pr.entries(), "byte " + within);
            assertTrue(pr.reason() == Decryption.Reason.BAD_ENCODING || pr.reason() == Decryption.Reason.WRONG_PROOF);
            if (within == 0) {
                assertEquals(Decryption.Reason.WRONG_PROOF, pr.reason()); // 02 <-> 03: -D, a valid point
            }
            if (within == 96) {
                assertEquals(Decryption.Reason.WRONG_PROOF, pr.reason()); // low bit of v
            }
            if (pr.reason() == Decryption.Reason.WRONG_PROOF && within % 16 == 0) {
                PartialDecryption bad = PartialDecryption.decode(b);
                Decryption.Decrypted d = assertInstanceOf(Decryption.Decrypted.class,
                        Decryption.combine(e.ctx(), tally, List.of(bad, p1, p3)));
                assertEquals(List.of(1, 3), d.tellersUsed());
                assertEquals(Decryption.Reason.WRONG_PROOF, d.setAside().get(0).reason());
                Decryption.Refused r = assertInstanceOf(Decryption.Refused.class,
                        Decryption.combine(e.ctx(), tally, List.of(bad, p1)));
                assertEquals(Decryption.Reason.TOO_FEW, r.problems().get(1).reason());
            }
        }
        assertTrue(Decryption.check(e.ctx(), tally, raw).isEmpty());
        byte[] prefix = raw.clone();
        prefix[off] = 5;
        assertEquals(List.of(new Decryption.Problem(2, Decryption.Reason.BAD_ENCODING, List.of(entry))),
                Decryption.check(e.ctx(), tally, prefix));
        assertEquals(Decryption.Reason.WRONG_SHAPE,
                Decryption.check(e.ctx(), tally, java.util.Arrays.copyOf(raw, raw.length - 97)).get(0).reason());
        byte[] header = raw.clone();
        header[2] ^= 1;
        assertEquals(Decryption.Reason.WRONG_SHAPE, Decryption.check(e.ctx(), tally, header).get(0).reason());
        // relabelled teller: proofs were for K_2, not K_3
        byte[] t = raw.clone();
        t[5] = 3;
        assertEquals(Decryption.Reason.WRONG_PROOF, Decryption.check(e.ctx(), tally, PartialDecryption.decode(t)).get(0).reason());
        t[5] = 9;
        assertEquals(Decryption.Reason.UNKNOWN_TELLER, Decryption.check(e.ctx(), tally, PartialDecryption.decode(t)).get(0).reason());
        Decryption.Decrypted dup = assertInstanceOf(Decryption.Decrypted.class,
                Decryption.combine(e.ctx(), tally, List.of(p1, p1, p2)));
        assertEquals(new Decryption.Problem(1, Decryption.Reason.DUPLICATE_TELLER, List.of()), dup.setAside().get(0));
        RoundTripTests.assertCounts(new int[][] {{1, 0, 1}, {0, 1, 0}, {0, 0, 2}}, 2, dup.counts());
        Decryption.Refused twice = assertInstanceOf(Decryption.Refused.class, Decryption.combine(e.ctx(), tally, List.of(p1, p1)));
        assertEquals(Decryption.Reason.DUPLICATE_TELLER, twice.problems().get(0).reason());
        assertThrows(InvalidEncodingException.class, () -> PartialDecryption.decode(java.util.Arrays.copyOf(raw, raw.length - 1)));
    }
}
