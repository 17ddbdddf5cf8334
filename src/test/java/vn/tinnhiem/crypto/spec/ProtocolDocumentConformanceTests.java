package vn.tinnhiem.crypto.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.Ceremony;
import vn.tinnhiem.crypto.Counts;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.Point;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.crypto.SeededRandom;
import vn.tinnhiem.crypto.TellerShare;

/**
 * An independent verifier written from docs/protocol.md alone ("TN1"), checked against what
 * vn.tinnhiem.crypto produces. Only the PRODUCTION of inputs goes through vn.tinnhiem.crypto
 * (Ceremony.deal, Manifest, BallotSealer.seal, EncryptedTally.aggregate, Decryption.partial and
 * the byte encodings); every check below parses bytes itself and does the group arithmetic with
 * Bouncy Castle directly. Section numbers (§) refer to docs/protocol.md.
 */
class ProtocolDocumentConformanceTests {

    // ---------------------------------------------------------------- §1 group

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECCurve CURVE = P256.getCurve();
    private static final ECPoint G = P256.getG();
    private static final BigInteger Q = P256.getN();
    private static final BigInteger P = CURVE.getField().getCharacteristic();
    private static final BigInteger B = CURVE.getB().toBigInteger();

    // ---------------------------------------------------------------- the election as the verifier sees it

    /** Public election data, rebuilt from the manifest's fields (§4.1). */
    record ElectionRecord(byte[] manifestHash, int m, int levels, int k, int n, ECPoint key, List<ECPoint> commitments) {}

    /** One ballot's verdict (§5.4) and, when well formed, its ciphertexts indexed by e = c·L + l. */
    record BallotVerdict(List<String> failures, ECPoint[] alpha, ECPoint[] beta) {
        boolean valid() {
            return failures.isEmpty();
        }
    }

    /** A parsed partial decryption (§6.2). */
    record Partial(int teller, ECPoint[] d, List<Integer> badEntries) {}

    // ---------------------------------------------------------------- tests

    @Test
    void threeLevelElectionWithBlanksPassesTheDocumentVerifier() {
        SecureRandom rng = new SeededRandom("conformance three-level");
        int[][] choices = {{0, 1, 2}, {2, -1, 0}, {1, 1, -1}, {-1, -1, -1}, {0, 2, 1}, {0, 0, 0}};
        runElection(BallotKind.THREE_LEVEL, 3, 2, 3, choices, new int[] {3, 1}, rng);
    }

    @Test
    void twoLevelElectionWithBlanksPassesTheDocumentVerifier() {
        SecureRandom rng = new SeededRandom("conformance two-level");
        int[][] choices = {{0, 1}, {1, -1}, {-1, 0}, {0, 0}, {1, 1}, {-1, -1}, {0, 1}};
        runElection(BallotKind.TWO_LEVEL, 2, 3, 5, choices, new int[] {5, 2, 4}, rng);
    }

    @Test
    void tamperedBytesAreRejected() {
        SecureRandom rng = new SeededRandom("conformance tamper");
        try (Ceremony.Dealing d = Ceremony.deal(2, 3, rng)) {
            Manifest mf = manifest("tamper", 3, BallotKind.THREE_LEVEL, d);
            ElectionContext ctx = ElectionContext.of(mf);
            ElectionRecord el = electionFromManifest(mf);
            byte[] good = new BallotSealer(ctx, rng).seal(new int[] {1, -1, 2}).encode();
            assertThat(verifyBallot(el, good).failures()).isEmpty();
            int L = 3;

            // c_0 of the bit proof at (1, 2): last byte, so the value stays < q (§5.2 item layout)
            int item12 = itemOffset(1, 2, L);
            byte[] t1 = flip(good, item12 + 130 + 4 * 65 + 31);
            assertThat(verifyBallot(el, t1).failures()).containsExactly("BIT_PROOF(1,2)");

            // v_1 of the sum proof of candidate 0
            byte[] t2 = flip(good, sumOffset(0, L) + 4 * 65 + 3 * 32 - 1);
            assertThat(verifyBallot(el, t2).failures()).containsExactly("SUM_PROOF(0)");

            // v_0 of the sum proof of candidate 1 (blank)
            byte[] t3 = flip(good, sumOffset(1, L) + 4 * 65 + 2 * 32 - 1);
            assertThat(verifyBallot(el, t3).failures()).containsExactly("SUM_PROOF(1)");

            // x of commitment b_1 of the bit proof at (2, 0): no longer on the curve
            byte[] t4 = flip(good, itemOffset(2, 0, L) + 130 + 3 * 65 + 10);
            assertThat(verifyBallot(el, t4).failures()).containsExactly("BIT_PROOF_ENCODING(2,0)");

            // y of β at (0, 1): ciphertext no longer decodes
            byte[] t5 = flip(good, itemOffset(0, 1, L) + 65 + 64);
            assertThat(verifyBallot(el, t5).failures()).containsExactly("CIPHERTEXT_ENCODING(0,1)");

            // the ballot id is in the binding B (§5.1): every proof fails, and the tracking code changes (§5.3)
            byte[] t6 = flip(good, 5);
            assertThat(verifyBallot(el, t6).failures()).containsExactly("BINDING");
            assertThat(trackingCode(t6)).isNotEqualTo(trackingCode(good));
            assertThat(contentHash(t6)).isEqualTo(contentHash(good));

            // sealed under another manifest (same key, same shape, other title): §5.4 BINDING
            Manifest other = new Manifest(mf.electionId(), mf.title() + " (khác)", mf.candidates(), mf.kind(),
                    mf.ruleSet(), mf.electionKey(), mf.commitments(), mf.k(), mf.n());
            byte[] foreign = new BallotSealer(ElectionContext.of(other), rng).seal(new int[] {0, 1, 2}).encode();
            assertThat(verifyBallot(el, foreign).failures()).containsExactly("BINDING");

            // c_0 of the bit proof at (0, 0) set to 2^256 − 1: not < q, an encoding failure (§2, §5.4)
            byte[] t7 = good.clone();
            Arrays.fill(t7, itemOffset(0, 0, L) + 130 + 4 * 65, itemOffset(0, 0, L) + 130 + 4 * 65 + 32, (byte) 0xff);
            assertThat(verifyBallot(el, t7).failures()).containsExactly("BIT_PROOF_ENCODING(0,0)");
            // v_0 of the sum proof of candidate 2 set to 0: decodes (0 is a scalar), the proof fails
            byte[] t8 = good.clone();
            Arrays.fill(t8, sumOffset(2, L) + 4 * 65 + 32, sumOffset(2, L) + 4 * 65 + 64, (byte) 0);
            assertThat(verifyBallot(el, t8).failures()).containsExactly("SUM_PROOF(2)");

            // §5.4 reporting rules: an encoding failure does not stop the other checks; the order is
            // encoding failures, then bit proofs, then sum proofs ...
            byte[] t9 = flip(flip(t4, sumOffset(2, L) + 4 * 65 + 3 * 32 - 1), itemOffset(0, 0, L) + 130 + 4 * 65 + 31);
            assertThat(verifyBallot(el, t9).failures())
                    .containsExactly("BIT_PROOF_ENCODING(2,0)", "BIT_PROOF(0,0)", "SUM_PROOF(2)");
            // ... and when every checkable proof fails, only the encoding failures are reported
            byte[] t10 = flip(foreign, itemOffset(1, 1, L) + 64);
            assertThat(verifyBallot(el, t10).failures()).containsExactly("CIPHERTEXT_ENCODING(1,1)");
            byte[] t11 = flip(foreign, sumOffset(1, L) + 10);
            assertThat(verifyBallot(el, t11).failures()).containsExactly("SUM_PROOF_ENCODING(1)");

            // several encoding failures, listed in position order; a damaged ciphertext also changes the
            // binding B, so every checkable proof fails and only the encoding failures are listed
            byte[] t12 = flip(flip(flip(flip(good, itemOffset(1, 0, L) + 64), sumOffset(0, L) + 10),
                    itemOffset(0, 1, L) + 130 + 10), itemOffset(2, 2, L) + 130 + 4 * 65 + 31);
            assertThat(verifyBallot(el, t12).failures()).containsExactly("BIT_PROOF_ENCODING(0,1)",
                    "SUM_PROOF_ENCODING(0)", "CIPHERTEXT_ENCODING(1,0)");
            // with the ciphertexts intact, encoding failures come first, then the proof failures
            byte[] t13 = flip(flip(good, sumOffset(0, L) + 10), itemOffset(2, 2, L) + 130 + 4 * 65 + 31);
            assertThat(verifyBallot(el, t13).failures()).containsExactly("SUM_PROOF_ENCODING(0)", "BIT_PROOF(2,2)");

            // the implementation's own verifier names the same failures in the same order (§5.4)
            vn.tinnhiem.crypto.BallotVerifier bv = new vn.tinnhiem.crypto.BallotVerifier(ctx, rng);
            for (byte[] t : List.of(t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, foreign)) {
                List<String> impl = bv.verify(SealedBallot.of(t)).failures().stream()
                        .map(f -> f.part() + (f.candidate() < 0 ? "" : "(" + f.candidate()
                                + (f.level() < 0 ? "" : "," + f.level()) + ")"))
                        .toList();
                assertThat(impl).isEqualTo(verifyBallot(el, t).failures());
            }

            // wrong length
            assertThat(verifyBallot(el, Arrays.copyOf(good, good.length - 1)).failures()).containsExactly("WRONG_SHAPE");

            // a tampered partial decryption: last byte of v of entry 4
            EncryptedTally tally = EncryptedTally.aggregate(ctx, List.of(SealedBallot.of(good)), false);
            ECPoint[][] agg = parseTally(el, tally.encode(), 1);
            TellerShare share = d.shares().get(1);
            byte[] pd = Decryption.partial(ctx, tally, share, rng).encode();
            assertThat(verifyPartial(el, agg[0], pd).badEntries()).isEmpty();
            int entry4 = 10 + 4 * 97;
            assertThat(verifyPartial(el, agg[0], flip(pd, entry4 + 33 + 32 + 31)).badEntries()).containsExactly(4);
            // v of entry 2 set to 0: decodes (§2), fails the proof; the implementation agrees
            byte[] zeroV = pd.clone();
            Arrays.fill(zeroV, 10 + 2 * 97 + 65, 10 + 2 * 97 + 97, (byte) 0);
            assertThat(verifyPartial(el, agg[0], zeroV).badEntries()).containsExactly(2);
            assertThat(Decryption.check(ctx, tally, zeroV)).singleElement()
                    .satisfies(pr -> assertThat(pr.reason()).isEqualTo(Decryption.Reason.WRONG_PROOF));
            // ... and D of entry 7 replaced by D of entry 6: a valid point, a wrong proof
            byte[] swapped = pd.clone();
            System.arraycopy(pd, 10 + 6 * 97, swapped, 10 + 7 * 97, 33);
            assertThat(verifyPartial(el, agg[0], swapped).badEntries()).containsExactly(7);
        }
    }

    /**
     * The replay an auditor must rule out: a candidate's block (ciphertexts and proofs) lifted from one
     * ballot into another. Every challenge hashes the ballot binding B (§5.1), so the spliced ballot
     * fails every proof, under this verifier and under the project's.
     */
    @Test
    void candidateBlocksSplicedBetweenBallotsAreRejected() {
        SecureRandom rng = new SeededRandom("conformance splice");
        try (Ceremony.Dealing d = Ceremony.deal(2, 3, rng)) {
            Manifest mf = manifest("splice", 3, BallotKind.THREE_LEVEL, d);
            ElectionContext ctx = ElectionContext.of(mf);
            ElectionRecord el = electionFromManifest(mf);
            BallotSealer sealer = new BallotSealer(ctx, rng);
            byte[] x = sealer.seal(new int[] {0, 0, 0}).encode();
            byte[] y = sealer.seal(new int[] {2, 2, 2}).encode();
            int block = 486 * 3 + 356;
            byte[] spliced = y.clone();
            System.arraycopy(x, itemOffset(1, 0, 3), spliced, itemOffset(1, 0, 3), block); // x's candidate 1
            assertThat(verifyBallot(el, spliced).failures()).containsExactly("BINDING");
            assertThat(new vn.tinnhiem.crypto.BallotVerifier(ctx, rng).verify(SealedBallot.of(spliced)).ok()).isFalse();
            assertThat(verifyBallot(el, x).failures()).isEmpty();
            // A changed id is caught by the proofs too, not only by the published tracking codes.
            byte[] renamed = x.clone();
            renamed[5] ^= 1;
            assertThat(verifyBallot(el, renamed).failures()).containsExactly("BINDING");
        }
    }

    /** The known-answer vectors of kat-v1.json are "a worked example of every structure" (preamble). */
    @Test
    void knownAnswerVectorsPassTheDocumentVerifier() throws IOException {
        String json;
        try (InputStream in = ProtocolDocumentConformanceTests.class.getResourceAsStream("/vn/tinnhiem/crypto/kat-v1.json")) {
            assertThat(in).isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String kind : List.of("THREE_LEVEL", "TWO_LEVEL")) {
            int start = json.indexOf("\"" + kind + "\":{");
            int end = kind.equals("THREE_LEVEL") ? json.indexOf("\"TWO_LEVEL\":{") : json.length();
            String sec = json.substring(start, end);
            checkKatSection(kind, sec);
        }
    }


    // ---------------------------------------------------------------- one whole election

    private static void runElection(BallotKind kind, int m, int k, int n, int[][] choices, int[] tellers,
            SecureRandom rng) {
        try (Ceremony.Dealing d = Ceremony.deal(k, n, rng)) {
            Manifest mf = manifest("conf-" + kind, m, kind, d);
            ElectionContext ctx = ElectionContext.of(mf);
            int L = kind.levelCount();

            // §4.1: recompute Q̄ from the fields
            ElectionRecord el = electionFromManifest(mf);
            assertThat(el.manifestHash()).as("§4.1 manifest hash").isEqualTo(mf.hash());

            // §5: seal, then verify every ballot byte by byte
            BallotSealer sealer = new BallotSealer(ctx, rng);
            List<SealedBallot> ballots = new ArrayList<>();
            List<BallotVerdict> verdicts = new ArrayList<>();
            Set<String> contents = new HashSet<>();
            for (int[] ch : choices) {
                SealedBallot sb = sealer.seal(ch.clone());
                byte[] bytes = sb.encode();
                ballots.add(sb);
                assertThat(bytes.length).as("§5.2 size").isEqualTo(24 + m * (486 * L + 356));
                BallotVerdict v = verifyBallot(el, bytes);
                assertThat(v.failures()).as("§5.4 verdict").isEmpty();
                verdicts.add(v);
                assertThat(trackingCode(bytes)).as("§5.3 tracking code").isEqualTo(sb.trackingCode());
                assertThat(contentHash(bytes)).as("§5.3 content hash").isEqualTo(sb.contentHash());
                assertThat(contents.add(hex(contentHash(bytes)))).as("no copies").isTrue();
            }

            // §6.1: my aggregate against the tally's bytes
            EncryptedTally tally = EncryptedTally.aggregate(ctx, ballots, false);
            ECPoint[][] published = parseTally(el, tally.encode(), ballots.size());
            ECPoint[][] mine = aggregate(el, verdicts);
            for (int e = 0; e < m * L; e++) {
                assertThat(published[0][e]).as("§6.1 α_" + e).isEqualTo(mine[0][e]);
                assertThat(published[1][e]).as("§6.1 β_" + e).isEqualTo(mine[1][e]);
            }

            // §6.2: every teller's partial decryption and its proofs
            List<Partial> partials = new ArrayList<>();
            List<PartialDecryption> produced = new ArrayList<>();
            for (TellerShare share : d.shares()) {
                PartialDecryption pd = Decryption.partial(ctx, tally, share, rng);
                produced.add(pd);
                Partial p = verifyPartial(el, published[0], pd.encode());
                assertThat(p.badEntries()).as("§6.2 proofs of teller " + share.index()).isEmpty();
                assertThat(p.teller()).isEqualTo(share.index());
                partials.add(p);
            }

            // §6.3: Lagrange over a non-trivial subset of k tellers, then the discrete logs
            List<Partial> chosen = new ArrayList<>();
            for (int t : tellers) {
                chosen.add(partials.get(t - 1));
            }
            int[][] counts = combine(el, published[1], chosen, ballots.size());
            int[][] expected = expectedCounts(choices, m, L);
            assertThat(counts).as("§6.3 counts").isDeepEqualTo(expected);

            // cross-check with the implementation's own count
            List<PartialDecryption> sub = new ArrayList<>();
            for (int t : tellers) {
                sub.add(produced.get(t - 1));
            }
            Decryption.Outcome out = Decryption.combine(ctx, tally, sub);
            assertThat(out).isInstanceOf(Decryption.Decrypted.class);
            Counts impl = ((Decryption.Decrypted) out).counts();
            for (int c = 0; c < m; c++) {
                Counts.CandidateCount cc = impl.candidates().get(c);
                for (int l = 0; l < L; l++) {
                    assertThat(cc.levels().get(l)).isEqualTo(counts[c][l]);
                }
                assertThat(cc.valid()).isEqualTo(counts[c][L]);
                assertThat(cc.invalid()).isEqualTo(counts[c][L + 1]);
            }
        }
    }

    private static Manifest manifest(String id, int m, BallotKind kind, Ceremony.Dealing d) {
        List<Manifest.Candidate> cands = new ArrayList<>();
        for (int i = 1; i <= m; i++) {
            // names typed with DECOMPOSED diacritics: §2 says they hash as their NFC form
            String name = Normalizer.normalize("Trần Thị Hồng Ngọc " + i, Normalizer.Form.NFD);
            cands.add(new Manifest.Candidate("ung-vien-" + i, i, name, "Phó Giám đốc Sở " + i));
        }
        return new Manifest(id, "Lấy phiếu tín nhiệm " + id, cands, kind, "96-QD/TW", d.electionKey(),
                d.commitments(), d.k(), d.n());
    }

    private static int[][] expectedCounts(int[][] choices, int m, int L) {
        int[][] out = new int[m][L + 2];
        for (int[] ch : choices) {
            for (int c = 0; c < m; c++) {
                if (ch[c] >= 0) {
                    out[c][ch[c]]++;
                    out[c][L]++;
                }
            }
        }
        for (int c = 0; c < m; c++) {
            out[c][L + 1] = choices.length - out[c][L];
        }
        return out;
    }

    // ---------------------------------------------------------------- §4.1 manifest

    private static ElectionRecord electionFromManifest(Manifest mf) {
        int kind;
        List<String> levels;
        switch (mf.kind().name()) { // §4.1: kind codes and level names, from the document
            case "THREE_LEVEL" -> {
                kind = 1;
                levels = List.of("HIGH", "MEDIUM", "LOW");
            }
            case "TWO_LEVEL" -> {
                kind = 2;
                levels = List.of("CONFIDENCE", "NO_CONFIDENCE");
            }
            default -> throw new AssertionError("unknown kind " + mf.kind());
        }
        List<String[]> cands = new ArrayList<>();
        for (Manifest.Candidate c : mf.candidates()) {
            cands.add(new String[] {c.id(), Integer.toString(c.order()), c.name(), c.position()});
        }
        List<byte[]> commitments = new ArrayList<>();
        for (Point c : mf.commitments()) {
            commitments.add(c.encode());
        }
        return electionFromFields(mf.electionId(), mf.title(), kind, levels, mf.ruleSet(), cands, mf.k(), mf.n(),
                mf.electionKey().encode(), commitments, null);
    }

    /** §4.1 encoding, constraints and hash; {@code expectedEncoding} (if given) must match byte for byte. */
    private static ElectionRecord electionFromFields(String electionId, String title, int kind, List<String> levels,
            String ruleSet, List<String[]> candidates, int k, int n, byte[] key, List<byte[]> commitments,
            byte[] expectedEncoding) {
        int m = candidates.size();
        assertThat(m).isBetween(1, 65535);
        assertThat(k).isBetween(1, n);
        assertThat(n).isBetween(1, 255);
        assertThat(commitments).hasSize(k);
        assertThat(commitments.get(0)).as("C_0 = K").isEqualTo(key);
        Set<String> ids = new HashSet<>();
        Bytes enc = new Bytes().raw("TN1M".getBytes(StandardCharsets.US_ASCII)).u8(1)
                .str(electionId).str(title).u8(kind).u8(levels.size());
        for (String lv : levels) {
            enc.str(lv);
        }
        enc.str(ruleSet).u32(m);
        for (int i = 0; i < m; i++) {
            String[] c = candidates.get(i);
            assertThat(Integer.parseInt(c[1])).as("candidate order").isEqualTo(i + 1);
            assertThat(ids.add(c[0])).as("distinct ids").isTrue();
            enc.str(c[0]).u32(Integer.parseInt(c[1])).str(c[2]).str(c[3]);
        }
        enc.u8(k).u8(n).raw(key);
        List<ECPoint> cs = new ArrayList<>();
        for (byte[] c : commitments) {
            enc.raw(c);
            cs.add(decodeCompressed(c, 0));
        }
        byte[] encoding = enc.toArray();
        if (expectedEncoding != null) {
            assertThat(hex(encoding)).as("§4.1 manifest encoding").isEqualTo(hex(expectedEncoding));
        }
        return new ElectionRecord(hash("TN1/manifest", encoding), m, levels.size(), k, n, decodeCompressed(key, 0), cs);
    }

    // ---------------------------------------------------------------- §4.2 teller keys

    /** K_i = Σ_j i^j C_j. */
    private static ECPoint tellerKey(ElectionRecord el, int i) {
        ECPoint acc = CURVE.getInfinity();
        BigInteger pow = BigInteger.ONE;
        for (ECPoint c : el.commitments()) {
            acc = acc.add(c.multiply(pow));
            pow = pow.multiply(BigInteger.valueOf(i)).mod(Q);
        }
        return acc.normalize();
    }

    // ---------------------------------------------------------------- §5.2 / §5.4 ballots

    private static final int ITEM = 486;
    private static final int SUM = 356;
    private static final int HEADER = 24;

    private static int itemOffset(int c, int l, int L) {
        return HEADER + c * (ITEM * L + SUM) + l * ITEM;
    }

    private static int sumOffset(int c, int L) {
        return HEADER + c * (ITEM * L + SUM) + L * ITEM;
    }

    private static BallotVerdict verifyBallot(ElectionRecord el, byte[] b) {
        int m = el.m();
        int L = el.levels();
        List<String> encoding = new ArrayList<>(); // §5.4: reported first, in position order
        List<String> bitFailures = new ArrayList<>(); // then the failing bit proofs
        List<String> sumFailures = new ArrayList<>(); // then the failing sum proofs
        boolean shapeOk = b.length == HEADER + m * (ITEM * L + SUM)
                && Arrays.equals(b, 0, 4, "TN1B".getBytes(StandardCharsets.US_ASCII), 0, 4)
                && b[4] == 1 && u16(b, 21) == m && (b[23] & 0xff) == L;
        if (!shapeOk) {
            return new BallotVerdict(List.of("WRONG_SHAPE"), null, null);
        }
        ECPoint[] alpha = new ECPoint[m * L];
        ECPoint[] beta = new ECPoint[m * L];
        int proofs = 0;
        int failedProofs = 0;
        // §5.1: the ballot binding B over the 24-byte header and every ciphertext α ‖ β, in ballot order
        List<byte[]> bindParts = new ArrayList<>();
        bindParts.add(slice(b, 0, 24));
        for (int c = 0; c < m; c++) {
            for (int l = 0; l < L; l++) {
                bindParts.add(slice(b, itemOffset(c, l, L), 130));
            }
        }
        byte[] bind = hash("TN1/ballot/bind", bindParts.toArray(byte[][]::new));
        for (int c = 0; c < m; c++) {
            boolean ciphertextsOk = true;
            for (int l = 0; l < L; l++) {
                int off = itemOffset(c, l, L);
                int e = c * L + l;
                try {
                    alpha[e] = decodeUncompressed(b, off);
                    beta[e] = decodeUncompressed(b, off + 65);
                } catch (IllegalArgumentException ex) {
                    encoding.add("CIPHERTEXT_ENCODING(" + c + "," + l + ")");
                    ciphertextsOk = false;
                    continue;
                }
                Proof01 pr;
                try {
                    pr = Proof01.parse(b, off + 130);
                } catch (IllegalArgumentException ex) {
                    encoding.add("BIT_PROOF_ENCODING(" + c + "," + l + ")");
                    continue;
                }
                // §5.1: ch = H_q("TN1/proof/01", Q̄, B, u32(c), u32(l), α, β, a_0, b_0, a_1, b_1)
                BigInteger ch = hashQ("TN1/proof/01", el.manifestHash(), bind, u32(c), u32(l), slice(b, off, 65),
                        slice(b, off + 65, 65), pr.raw[0], pr.raw[1], pr.raw[2], pr.raw[3]);
                proofs++;
                if (!pr.holds(alpha[e], beta[e], ch, el.key())) {
                    bitFailures.add("BIT_PROOF(" + c + "," + l + ")");
                    failedProofs++;
                }
            }
            int soff = sumOffset(c, L);
            Proof01 sp;
            try {
                sp = Proof01.parse(b, soff);
            } catch (IllegalArgumentException ex) {
                encoding.add("SUM_PROOF_ENCODING(" + c + ")");
                continue;
            }
            if (!ciphertextsOk) {
                continue; // the statement cannot be formed
            }
            // §5.1: the sum proof hashes the individual ciphertexts in level order, then its commitments
            List<byte[]> parts = new ArrayList<>();
            parts.add(el.manifestHash());
            parts.add(bind);
            parts.add(u32(c));
            ECPoint sumA = CURVE.getInfinity();
            ECPoint sumB = CURVE.getInfinity();
            for (int l = 0; l < L; l++) {
                int off = itemOffset(c, l, L);
                parts.add(slice(b, off, 65));
                parts.add(slice(b, off + 65, 65));
                sumA = sumA.add(alpha[c * L + l]);
                sumB = sumB.add(beta[c * L + l]);
            }
            parts.addAll(Arrays.asList(sp.raw));
            BigInteger ch = hashQ("TN1/proof/sum", parts.toArray(byte[][]::new));
            proofs++;
            if (!sp.holds(sumA, sumB, ch, el.key())) {
                sumFailures.add("SUM_PROOF(" + c + ")");
                failedProofs++;
            }
        }
        // §5.4: every proof that could be checked fails (and at least two were checked): the proofs are not
        // bound to this ballot (other Q̄, or B changed). Well formed: the single BINDING; else only the encoding failures.
        if (proofs >= 2 && failedProofs == proofs) {
            return new BallotVerdict(encoding.isEmpty() ? List.of("BINDING") : encoding, alpha, beta);
        }
        List<String> failures = new ArrayList<>(encoding);
        failures.addAll(bitFailures);
        failures.addAll(sumFailures);
        return new BallotVerdict(failures, alpha, beta);
    }

    /** A 0/1 proof as carried in a ballot (§5.2): a_0 ‖ b_0 ‖ a_1 ‖ b_1 (65 each) ‖ c_0 ‖ v_0 ‖ v_1. */
    private record Proof01(ECPoint a0, ECPoint b0, ECPoint a1, ECPoint b1, BigInteger c0, BigInteger v0,
            BigInteger v1, byte[][] raw) {
        static Proof01 parse(byte[] b, int off) {
            byte[][] raw = new byte[4][];
            ECPoint[] pts = new ECPoint[4];
            for (int i = 0; i < 4; i++) {
                raw[i] = slice(b, off + 65 * i, 65);
                pts[i] = decodeUncompressed(b, off + 65 * i);
            }
            int s = off + 4 * 65;
            return new Proof01(pts[0], pts[1], pts[2], pts[3], scalar(b, s), scalar(b, s + 32), scalar(b, s + 64), raw);
        }

        /** §5.4 verification equations. */
        boolean holds(ECPoint alpha, ECPoint beta, BigInteger ch, ECPoint key) {
            BigInteger c1 = ch.subtract(c0).mod(Q);
            return a0.equals(G.multiply(v0).add(alpha.multiply(c0)))
                    && b0.equals(key.multiply(v0).add(beta.multiply(c0)))
                    && a1.equals(G.multiply(v1).add(alpha.multiply(c1)))
                    && b1.equals(key.multiply(v1).add(beta.subtract(G).multiply(c1)));
        }
    }

    // ---------------------------------------------------------------- §5.3 tracking code

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static String trackingCode(byte[] ballot) {
        byte[] h = hash("TN1/ballot", ballot);
        BigInteger v = new BigInteger(1, Arrays.copyOf(h, 10)); // 80 bits, most significant first
        StringBuilder sb = new StringBuilder();
        for (int i = 15; i >= 0; i--) {
            sb.append(CROCKFORD.charAt(v.shiftRight(5 * i).intValue() & 31));
            if (i % 4 == 0 && i > 0) {
                sb.append('-');
            }
        }
        return sb.toString();
    }

    private static byte[] contentHash(byte[] ballot) {
        return hash("TN1/ballot/content", slice(ballot, 21, ballot.length - 21));
    }

    // ---------------------------------------------------------------- §6.1 aggregate

    private static ECPoint[][] aggregate(ElectionRecord el, List<BallotVerdict> accepted) {
        int size = el.m() * el.levels();
        ECPoint[][] out = new ECPoint[2][size];
        for (int e = 0; e < size; e++) {
            ECPoint a = CURVE.getInfinity();
            ECPoint b = CURVE.getInfinity();
            for (BallotVerdict v : accepted) {
                a = a.add(v.alpha()[e]);
                b = b.add(v.beta()[e]);
            }
            out[0][e] = a.normalize();
            out[1][e] = b.normalize();
        }
        return out;
    }

    /** "TN1T" ‖ u8(1) ‖ u32(N) ‖ u32(m·L) ‖ for each e: α_e (33) ‖ β_e (33). */
    private static ECPoint[][] parseTally(ElectionRecord el, byte[] t, int ballots) {
        int size = el.m() * el.levels();
        assertThat(t.length).as("§6.1 tally length").isEqualTo(13 + 66 * size);
        assertThat(slice(t, 0, 4)).isEqualTo("TN1T".getBytes(StandardCharsets.US_ASCII));
        assertThat(t[4]).isEqualTo((byte) 1);
        assertThat(u32(t, 5)).as("N").isEqualTo(ballots);
        assertThat(u32(t, 9)).as("m·L").isEqualTo(size);
        ECPoint[][] out = new ECPoint[2][size];
        for (int e = 0; e < size; e++) {
            out[0][e] = decodeCompressed(t, 13 + 66 * e);
            out[1][e] = decodeCompressed(t, 13 + 66 * e + 33);
        }
        return out;
    }

    // ---------------------------------------------------------------- §6.2 partial decryption

    /** "TN1P" ‖ u8(1) ‖ u8(i) ‖ u32(count) ‖ for each e: D_e (33) ‖ ch (32) ‖ v (32); checks every proof. */
    private static Partial verifyPartial(ElectionRecord el, ECPoint[] alpha, byte[] p) {
        int count = alpha.length;
        assertThat(p.length).as("§6.2 partial length").isEqualTo(10 + 97 * count);
        assertThat(slice(p, 0, 4)).isEqualTo("TN1P".getBytes(StandardCharsets.US_ASCII));
        assertThat(p[4]).isEqualTo((byte) 1);
        int i = p[5] & 0xff;
        assertThat(i).as("UNKNOWN_TELLER").isBetween(1, el.n());
        assertThat(u32(p, 6)).isEqualTo(count);
        ECPoint ki = tellerKey(el, i);
        byte[] kiBytes = ki.getEncoded(true);
        ECPoint[] d = new ECPoint[count];
        List<Integer> bad = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            int off = 10 + 97 * e;
            BigInteger ch;
            BigInteger v;
            try {
                d[e] = decodeCompressed(p, off);
                ch = scalar(p, off + 33);
                v = scalar(p, off + 65);
            } catch (IllegalArgumentException ex) {
                bad.add(e);
                continue;
            }
            ECPoint a = G.multiply(v).add(ki.multiply(ch)).normalize();
            ECPoint b = alpha[e].multiply(v).add(d[e].multiply(ch)).normalize();
            if (a.isInfinity() || b.isInfinity()) {
                bad.add(e);
                continue;
            }
            BigInteger again = hashQ("TN1/proof/decrypt", el.manifestHash(), u32(i), u32(e), kiBytes,
                    alpha[e].getEncoded(true), slice(p, off, 33), a.getEncoded(true), b.getEncoded(true));
            if (!again.equals(ch)) {
                bad.add(e);
            }
        }
        return new Partial(i, d, bad);
    }

    // ---------------------------------------------------------------- §6.3 combination

    /** Returns, per candidate: level counts, then valid, then invalid. */
    private static int[][] combine(ElectionRecord el, ECPoint[] beta, List<Partial> partials, int ballots) {
        assertThat(partials).hasSize(el.k());
        List<Integer> set = partials.stream().map(Partial::teller).toList();
        assertThat(new HashSet<>(set)).hasSize(set.size());
        int m = el.m();
        int L = el.levels();
        int[][] out = new int[m][L + 2];
        for (int e = 0; e < m * L; e++) {
            ECPoint sum = CURVE.getInfinity();
            for (Partial p : partials) {
                sum = sum.add(p.d()[e].multiply(lagrange(p.teller(), set)));
            }
            ECPoint me = beta[e].subtract(sum).normalize();
            int t = smallLog(me, ballots);
            assertThat(t).as("COUNT_OUT_OF_RANGE at " + e).isBetween(0, ballots);
            out[e / L][e % L] = t;
        }
        for (int c = 0; c < m; c++) {
            int valid = 0;
            for (int l = 0; l < L; l++) {
                valid += out[c][l];
            }
            assertThat(valid).as("COUNT_OUT_OF_RANGE: candidate " + c).isLessThanOrEqualTo(ballots);
            out[c][L] = valid;
            out[c][L + 1] = ballots - valid;
        }
        return out;
    }

    /** λ_i = Π_{j ∈ S, j ≠ i} j / (j − i) mod q. */
    private static BigInteger lagrange(int i, List<Integer> set) {
        BigInteger num = BigInteger.ONE;
        BigInteger den = BigInteger.ONE;
        for (int j : set) {
            if (j != i) {
                num = num.multiply(BigInteger.valueOf(j)).mod(Q);
                den = den.multiply(BigInteger.valueOf(j - i)).mod(Q);
            }
        }
        return num.multiply(den.modInverse(Q)).mod(Q);
    }

    /** t with M = tG, 0 ≤ t ≤ N, by plain search (the document's BSGS gives the same t); −1 if none. */
    private static int smallLog(ECPoint mPoint, int max) {
        ECPoint acc = CURVE.getInfinity();
        for (int t = 0; t <= max; t++) {
            if (acc.equals(mPoint)) {
                return t;
            }
            acc = acc.add(G);
        }
        return -1;
    }

    // ---------------------------------------------------------------- §4.3 share cards (KAT only)

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** Reads a card per §4.3 and returns s_i after checking it against the commitments (§4.2). */
    private static BigInteger readCard(ElectionRecord el, String card, char[] passphrase) {
        assertThat(card).startsWith("TN1S:");
        String b32 = card.substring(5);
        BigInteger acc = BigInteger.ZERO;
        for (char ch : b32.toCharArray()) {
            int v = BASE32.indexOf(ch);
            assertThat(v).as("BAD_CHARACTERS").isNotNegative();
            acc = acc.shiftLeft(5).or(BigInteger.valueOf(v));
        }
        int bits = 5 * b32.length();
        int len = bits / 8;
        int spare = bits - 8 * len;
        assertThat(acc.and(BigInteger.ONE.shiftLeft(spare).subtract(BigInteger.ONE))).as("zero trailing bits")
                .isEqualTo(BigInteger.ZERO);
        byte[] payload = fixed(acc.shiftRight(spare), len);
        assertThat(len).isGreaterThanOrEqualTo(17);
        assertThat(slice(payload, len - 4, 4)).as("CHECKSUM")
                .isEqualTo(slice(hash("TN1/card/check", slice(payload, 0, len - 4)), 0, 4));
        assertThat(payload[0]).as("version").isEqualTo((byte) 1);
        boolean wrapped = (payload[1] & 1) != 0;
        assertThat(payload[1] & 0xfe).isZero();
        assertThat(len).as("WRONG_LENGTH").isEqualTo(wrapped ? 93 : 49);
        assertThat(slice(payload, 2, 8)).as("OTHER_ELECTION").isEqualTo(slice(el.manifestHash(), 0, 8));
        int i = payload[10] & 0xff;
        assertThat(i).isBetween(1, payload[12] & 0xff);
        assertThat(payload[11] & 0xff).isEqualTo(el.k());
        assertThat(payload[12] & 0xff).isEqualTo(el.n());
        byte[] secret;
        if (!wrapped) {
            secret = slice(payload, 13, 32);
        } else {
            assertThat(passphrase).as("PASSPHRASE_REQUIRED").isNotNull();
            byte[] salt = slice(payload, 13, 16);
            byte[] nonce = slice(payload, 29, 12);
            byte[] ct = slice(payload, 41, 48);
            byte[] pw = Normalizer.normalize(new String(passphrase), Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
            Argon2BytesGenerator gen = new Argon2BytesGenerator();
            gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withSalt(salt).withIterations(3)
                    .withMemoryAsKB(65536).withParallelism(1).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withAdditional("TN1/card/key".getBytes(StandardCharsets.US_ASCII)).build());
            byte[] key = new byte[32];
            gen.generateBytes(pw, key);
            try {
                Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
                gcm.updateAAD(slice(payload, 0, 13));
                secret = gcm.doFinal(ct);
            } catch (GeneralSecurityException ex) {
                throw new AssertionError("WRONG_PASSPHRASE", ex);
            }
        }
        BigInteger s = scalar(secret, 0);
        assertThat(G.multiply(s).normalize()).as("SHARE_DOES_NOT_MATCH_COMMITMENTS").isEqualTo(tellerKey(el, i));
        return s;
    }

    // ---------------------------------------------------------------- KAT section

    private static void checkKatSection(String kind, String sec) {
        // manifest fields
        String mfJson = group(sec, "\"manifest\":(\\{.*?\\}),\n");
        List<String[]> cands = new ArrayList<>();
        Matcher cm = Pattern.compile("\\{\"id\":\"(.*?)\",\"order\":(\\d+),\"name\":\"(.*?)\",\"position\":\"(.*?)\"\\}")
                .matcher(mfJson);
        while (cm.find()) {
            cands.add(new String[] {cm.group(1), cm.group(2), cm.group(3), cm.group(4)});
        }
        List<byte[]> commitments = new ArrayList<>();
        for (String h : strings(group(mfJson, "\"commitments\":\\[(.*?)\\]"))) {
            commitments.add(unhex(h));
        }
        boolean three = kind.equals("THREE_LEVEL");
        ElectionRecord el = electionFromFields(group(mfJson, "\"electionId\":\"(.*?)\""), group(mfJson, "\"title\":\"(.*?)\""),
                three ? 1 : 2, three ? List.of("HIGH", "MEDIUM", "LOW") : List.of("CONFIDENCE", "NO_CONFIDENCE"),
                group(mfJson, "\"ruleSet\":\"(.*?)\""), cands, Integer.parseInt(group(mfJson, "\"k\":(\\d+)")),
                Integer.parseInt(group(mfJson, "\"n\":(\\d+)")), unhex(group(mfJson, "\"electionKey\":\"(.*?)\"")),
                commitments, unhex(group(sec, "\"manifestEncoding\":\"(.*?)\"")));
        assertThat(hex(el.manifestHash())).isEqualTo(group(mfJson, "\"hash\":\"(.*?)\""));

        // share cards (the third THREE_LEVEL card is wrapped with "Ban Kiểm phiếu", see KnownAnswerTests)
        List<String> cards = strings(group(sec, "\"shareCards\":\\[(.*?)\\]"));
        Map<Integer, BigInteger> shares = new TreeMap<>();
        for (int c = 0; c < cards.size(); c++) {
            char[] pass = three && c == 2 ? "Ban Kiểm phiếu".toCharArray() : null;
            shares.put(c + 1, readCard(el, cards.get(c), pass));
        }
        assertThat(shares).hasSize(el.n());

        // ballots
        List<BallotVerdict> verdicts = new ArrayList<>();
        Matcher bm = Pattern.compile("\"trackingCode\":\"(.*?)\",\"sealed\":\"([0-9a-f]*)\"").matcher(sec);
        while (bm.find()) {
            byte[] b = unhex(bm.group(2));
            BallotVerdict v = verifyBallot(el, b);
            assertThat(v.failures()).as("KAT ballot").isEmpty();
            assertThat(trackingCode(b)).isEqualTo(bm.group(1));
            verdicts.add(v);
        }
        assertThat(verdicts).isNotEmpty();

        ECPoint[][] published = parseTally(el, unhex(group(sec, "\"tally\":\"([0-9a-f]*)\"")), verdicts.size());
        ECPoint[][] mine = aggregate(el, verdicts);
        assertThat(published[0]).isEqualTo(mine[0]);
        assertThat(published[1]).isEqualTo(mine[1]);

        List<Partial> partials = new ArrayList<>();
        for (String h : strings(group(sec, "\"partials\":\\[(.*?)\\]"))) {
            Partial p = verifyPartial(el, published[0], unhex(h));
            assertThat(p.badEntries()).isEmpty();
            // D_e = s_i α_e, with s_i from the teller's card
            for (int e = 0; e < published[0].length; e++) {
                assertThat(p.d()[e]).isEqualTo(published[0][e].multiply(shares.get(p.teller())).normalize());
            }
            partials.add(p);
        }
        int[][] counts = combine(el, published[1], partials.subList(0, el.k()), verdicts.size());
        Matcher km = Pattern.compile("\\{\"levels\":\\[([0-9,]*)\\],\"valid\":(\\d+),\"invalid\":(\\d+)\\}")
                .matcher(group(sec, "\"counts\":(\\[.*\\])"));
        int c = 0;
        while (km.find()) {
            int[] lv = Arrays.stream(km.group(1).split(",")).mapToInt(Integer::parseInt).toArray();
            assertThat(Arrays.copyOf(counts[c], el.levels())).isEqualTo(lv);
            assertThat(counts[c][el.levels()]).isEqualTo(Integer.parseInt(km.group(2)));
            assertThat(counts[c][el.levels() + 1]).isEqualTo(Integer.parseInt(km.group(3)));
            c++;
        }
        assertThat(c).isEqualTo(el.m());
    }

    private static String group(String s, String regex) {
        Matcher mt = Pattern.compile(regex, Pattern.DOTALL).matcher(s);
        assertThat(mt.find()).as("KAT field " + regex).isTrue();
        return mt.group(1);
    }

    private static List<String> strings(String jsonArrayBody) {
        List<String> out = new ArrayList<>();
        Matcher mt = Pattern.compile("\"(.*?)\"").matcher(jsonArrayBody);
        while (mt.find()) {
            out.add(mt.group(1));
        }
        return out;
    }

    // ---------------------------------------------------------------- §2 encodings

    /** 65 bytes: 04 ‖ x ‖ y, x < p, y < p, y² = x³ − 3x + b. */
    private static ECPoint decodeUncompressed(byte[] b, int off) {
        if (off + 65 > b.length || b[off] != 0x04) {
            throw new IllegalArgumentException("not an uncompressed point");
        }
        BigInteger x = new BigInteger(1, slice(b, off + 1, 32));
        BigInteger y = new BigInteger(1, slice(b, off + 33, 32));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0 || !y.multiply(y).mod(P).equals(rhs(x))) {
            throw new IllegalArgumentException("not on the curve");
        }
        return CURVE.createPoint(x, y);
    }

    /** 33 bytes: 02/03 ‖ x, x < p, x³ − 3x + b a square (p ≡ 3 mod 4: root = rhs^((p+1)/4)). */
    private static ECPoint decodeCompressed(byte[] b, int off) {
        if (off + 33 > b.length || (b[off] != 0x02 && b[off] != 0x03)) {
            throw new IllegalArgumentException("not a compressed point");
        }
        BigInteger x = new BigInteger(1, slice(b, off + 1, 32));
        if (x.compareTo(P) >= 0) {
            throw new IllegalArgumentException("x >= p");
        }
        BigInteger r = rhs(x);
        BigInteger y = r.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
        if (!y.multiply(y).mod(P).equals(r)) {
            throw new IllegalArgumentException("no square root");
        }
        if (y.testBit(0) != (b[off] == 0x03)) {
            y = P.subtract(y);
        }
        return CURVE.createPoint(x, y);
    }

    private static BigInteger rhs(BigInteger x) {
        return x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P);
    }

    /** 32 bytes big-endian, < q. */
    private static BigInteger scalar(byte[] b, int off) {
        if (off + 32 > b.length) {
            throw new IllegalArgumentException("short scalar");
        }
        BigInteger v = new BigInteger(1, slice(b, off, 32));
        if (v.compareTo(Q) >= 0) {
            throw new IllegalArgumentException("scalar >= q");
        }
        return v;
    }

    // ---------------------------------------------------------------- §3 hashing

    private static byte[] hash(String tag, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
            md.update(u32(t.length));
            md.update(t);
            for (byte[] p : parts) {
                md.update(u32(p.length));
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger hashQ(String tag, byte[]... parts) {
        return new BigInteger(1, hash(tag, parts)).mod(Q);
    }

    // ---------------------------------------------------------------- bytes

    /** Builder for the §1/§2 integer and string forms. */
    private static final class Bytes {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Bytes u8(int v) {
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("u8 " + v);
            }
            out.write(v);
            return this;
        }

        Bytes u32(int v) {
            return raw(ProtocolDocumentConformanceTests.u32(v));
        }

        /** str(s) = u32(len) ‖ UTF-8(NFC(s)). */
        Bytes str(String s) {
            byte[] b = Normalizer.normalize(s, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
            return u32(b.length).raw(b);
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }

    private static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static int u32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    private static byte[] slice(byte[] b, int off, int len) {
        return Arrays.copyOfRange(b, off, off + len);
    }

    private static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= 0x01;
        return c;
    }

    private static byte[] fixed(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int n = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - n, out, len - n, n);
        return out;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return sb.toString();
    }

    private static byte[] unhex(String s) {
        if (s.length() % 2 != 0 || !s.equals(s.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("§2: lower-case, even-length hex");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
