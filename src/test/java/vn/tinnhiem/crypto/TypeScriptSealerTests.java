package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.crypto.internal.Curve;
import vn.tinnhiem.crypto.internal.Hex;

/**
 * The tablet's sealer, frontend/tn-sealer.ts, run in Node 24 (the one .ci/install-node lays out, which
 * Vaadin also uses: the {@code vaadin.node.folder} property). The build fetches @noble/curves and
 * @noble/hashes from the npm registry into target/tn-sealer-node/node_modules (pom.xml, checked SHA-1);
 * this test copies the TypeScript files next to them and runs:
 *
 * <ul>
 *   <li>the Node known-answer test, src/test/frontend/tn-sealer.test.ts: every ballot of kat-v1.json byte for
 *       byte from the same fresh bytes as the Java sealer, both manifests' encodings and hashes;
 *   <li>a cross-verification: Node seals 2,000 ballots with fresh randomness under manifests made here
 *       (both kinds, 1 to 44 candidates, names that JSON must escape), and the Java verifier accepts every
 *       one, its tracking code is SealedBallot's, and its opening opens it (docs/protocol.md 5.6) while a
 *       tampered opening does not.
 * </ul>
 *
 * No Node is no pass: the test fails and says how to get it.
 */
class TypeScriptSealerTests {
    private static final Path WORK = Path.of("target", "tn-sealer-node");

    @BeforeAll
    static void layOut() throws IOException {
        assertTrue(Files.isRegularFile(WORK.resolve("node_modules/@noble/curves/package.json"))
                        && Files.isRegularFile(WORK.resolve("node_modules/@noble/hashes/package.json")),
                "@noble/curves and @noble/hashes are missing from " + WORK.toAbsolutePath()
                        + "/node_modules: the build fetches them (pom.xml, execution 'noble'); run ./mvnw generate-test-resources");
        Files.createDirectories(WORK.resolve("test"));
        Files.copy(Path.of("frontend", "tn-sealer.ts"), WORK.resolve("tn-sealer.ts"), StandardCopyOption.REPLACE_EXISTING);
        try (var files = Files.list(Path.of("src", "test", "frontend"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ts")).toList()) {
                Files.copy(f, WORK.resolve("test").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(Path.of("src/test/resources/vn/tinnhiem/crypto/kat-v1.json"), WORK.resolve("test/kat-v1.json"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Node 24: -Dvaadin.node.folder (pom.xml passes it) or .ci/install-node's folder. */
    static Path node() {
        String folder = System.getProperty("vaadin.node.folder",
                Path.of(System.getProperty("user.home"), ".cache", "tinnhiem", "node-24.17.0", "bin").toString());
        Path node = Path.of(folder, "node");
        assertTrue(Files.isExecutable(node), "Node 24 is missing at " + node + ": run .ci/install-node (CI's .ci/run does)");
        return node;
    }

    record Run(int exit, String output) {}

    static Run run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(node().toAbsolutePath().toString());
        cmd.addAll(Arrays.asList(args));
        Path log = Files.createTempFile(WORK.toAbsolutePath(), "node", ".log");
        Process p = new ProcessBuilder(cmd).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertTrue(done, "node " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s:\n" + out);
        return new Run(p.exitValue(), out);
    }

    @Test
    void the_typescript_sealer_reproduces_every_known_answer_ballot_and_manifest() throws Exception {
        Run r = run(120, "--test", "--test-reporter=spec", "test/tn-sealer.test.ts");
        System.out.println(r.output());
        assertEquals(0, r.exit(), "the Node known-answer test failed:\n" + r.output());
        assertTrue(r.output().contains("every KAT ballot byte for byte"), r.output());
        assertFalse(r.output().contains("# skipped") && !r.output().contains("skipped 0"), r.output());
    }

    /** One manifest and the choices sealed under it. */
    record Batch(Manifest manifest, List<int[]> choices) {}

    /** Names a JSON writer must escape, and Vietnamese typed decomposed (the manifest hashes NFC). */
    private static final String[] ODD_NAMES = {
        "Trần \"Bảo\" Ngọc", "Lê\\Văn", "Phạm\nThị", "Nguye\u0302\u0303n Văn A", "Đỗ\tHà", "Ông\u0001Bê", "Võ / Văn ✓",
    };

    private static Manifest manifest(String id, int m, BallotKind kind, SecureRandom rng) {
        int n = 1 + rng.nextInt(3);
        int k = 1 + rng.nextInt(n);
        try (Ceremony.Dealing d = Ceremony.deal(k, n, rng)) {
            List<Manifest.Candidate> cands = new ArrayList<>();
            for (int i = 1; i <= m; i++) {
                String name = rng.nextInt(4) == 0 ? ODD_NAMES[rng.nextInt(ODD_NAMES.length)] + " " + i : "Nguyễn Văn " + i;
                cands.add(new Manifest.Candidate("c" + i + "-" + id, i, name, "Phó trưởng phòng " + i));
            }
            return new Manifest(id, "Hội nghị \"" + id + "\"", cands, kind, "96-QD/TW", d.electionKey(), d.commitments(), k, n);
        }
    }

    /**
     * Per kind: one manifest for each of 1..13, 16, 20, 25, 31, 37, 44 candidates with 2 ballots (one of them
     * all blank for every third), then manifests of 1 to 3 candidates with 90 ballots each until the kind has
     * 1,000 ballots: 2,000 in all, every size 1..13 and the largest (44), cheap enough for the time budget.
     */
    static List<Batch> batches(SecureRandom rng) {
        List<Batch> out = new ArrayList<>();
        int[] sizes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 20, 25, 31, 37, 44};
        for (BallotKind kind : BallotKind.values()) {
            int count = 0;
            int serial = 0;
            for (int m : sizes) {
                List<int[]> choices = new ArrayList<>();
                choices.add(Fixtures.randomChoices(m, kind.levelCount(), rng));
                int[] second = Fixtures.randomChoices(m, kind.levelCount(), rng);
                if (m % 3 == 0) {
                    Arrays.fill(second, -1);
                }
                choices.add(second);
                out.add(new Batch(manifest(kind + "-" + serial++, m, kind, rng), choices));
                count += 2;
            }
            while (count < 1000) {
                int m = 1 + rng.nextInt(3);
                int n = Math.min(90, 1000 - count);
                List<int[]> choices = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    choices.add(Fixtures.randomChoices(m, kind.levelCount(), rng));
                }
                out.add(new Batch(manifest(kind + "-" + serial++, m, kind, rng), choices));
                count += n;
            }
        }
        return out;
    }

    @Test
    void ballots_sealed_in_node_pass_the_java_verifier_with_java_tracking_codes_and_their_openings_open_them()
            throws Exception {
        SecureRandom rng = new SeededRandom("TypeScriptSealerTests cross-verification");
        List<Batch> batches = batches(rng);
        StringBuilder in = new StringBuilder();
        int total = 0;
        for (Batch b : batches) {
            in.append("M ").append(b.manifest().toJson()).append('\n');
            for (int[] c : b.choices()) {
                in.append("B ").append(Arrays.toString(c).replace(" ", "").replace("[", "").replace("]", "")).append('\n');
                total++;
            }
        }
        assertTrue(total >= 2000);
        Path input = WORK.resolve("cross-in.txt");
        Path output = WORK.resolve("cross-out.txt");
        Files.writeString(input, in, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        long t0 = System.nanoTime();
        Run r = run(600, "test/seal-many.ts", "cross-in.txt", "cross-out.txt");
        long nodeMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.exit(), "node seal-many.ts failed:\n" + r.output());
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertEquals(total, lines.size(), r.output());

        long t1 = System.nanoTime();
        int at = 0;
        int openings = 0;
        int tampered = 0;
        SecureRandom pick = new SeededRandom("TypeScriptSealerTests tamper");
        for (Batch b : batches) {
            ElectionContext ctx = ElectionContext.of(b.manifest());
            int levels = ctx.levelCount();
            List<SealedBallot> sealed = new ArrayList<>();
            for (int[] choices : b.choices()) {
                String[] f = lines.get(at++).split(" ");
                SealedBallot s = SealedBallot.of(Hex.decode(f[0]));
                sealed.add(s);
                assertEquals(s.trackingCode(), f[1], "tracking code of ballot " + (at - 1));
                byte[] opening = Hex.decode(f[2]);
                assertArrayEquals(choices, Opening.open(ctx, s, opening), "the opening of ballot " + (at - 1) + " opens it");
                openings++;
                // One nonce changed, and (another ballot) one choice changed: neither opens the ballot.
                byte[] badNonce = opening.clone();
                int m = choices.length;
                int item = pick.nextInt(m * levels);
                badNonce[24 + m + 32 * item + 31] ^= 1;
                assertNull(Opening.open(ctx, s, badNonce), "a changed nonce does not open ballot " + (at - 1));
                byte[] badChoice = opening.clone();
                int c = pick.nextInt(m);
                int was = choices[c];
                int[] others = java.util.stream.IntStream.rangeClosed(0, levels).map(v -> v == levels ? 0xFF : v)
                        .filter(v -> v != (was & 0xFF)).toArray();
                badChoice[24 + c] = (byte) others[pick.nextInt(others.length)];
                assertNull(Opening.open(ctx, s, badChoice), "a changed choice does not open ballot " + (at - 1));
                tampered += 2;
            }
            BallotVerifier.BatchResult result = new BallotVerifier(ctx, new SecureRandom()).verifyAll(sealed, false);
            assertTrue(result.allOk(), b.manifest().electionId() + ": " + result);
            assertEquals(sealed.size(), result.checked());
        }
        long javaMs = (System.nanoTime() - t1) / 1_000_000;
        System.out.println(r.output().strip());
        System.out.printf("cross-verification: %d ballots under %d manifests, Node %.1f s in all (with start-up), "
                        + "Java verify + tracking codes + %d openings + %d tampered openings %.1f s%n",
                total, batches.size(), nodeMs / 1000.0, openings, tampered, javaMs / 1000.0);
    }

    /**
     * The rule of docs/protocol.md 5.6, written here from the text until BallotOpening is on this branch:
     * the choices if the opening opens the ballot, else null.
     */
    static final class Opening {
        static int @org.jspecify.annotations.Nullable [] open(ElectionContext ctx, SealedBallot sealed, byte[] opening) {
            int m = ctx.candidateCount();
            int levels = ctx.levelCount();
            byte[] ballot = sealed.encode();
            if (opening.length != 24 + m + 32 * m * levels) {
                return null;
            }
            byte[] magic = "TN1O".getBytes(StandardCharsets.US_ASCII);
            if (!Arrays.equals(opening, 0, 4, magic, 0, 4) || opening[4] != 1
                    || !Arrays.equals(opening, 5, 24, ballot, 5, 24)) {
                return null;
            }
            int[] choices = new int[m];
            for (int c = 0; c < m; c++) {
                int v = opening[24 + c] & 0xFF;
                if (v != 0xFF && v >= levels) {
                    return null;
                }
                choices[c] = v == 0xFF ? -1 : v;
            }
            var key = ctx.manifest().electionKey().ec();
            for (int c = 0; c < m; c++) {
                for (int l = 0; l < levels; l++) {
                    int p = c * levels + l;
                    BigInteger r = new BigInteger(1, Arrays.copyOfRange(opening, 24 + m + 32 * p, 24 + m + 32 * p + 32));
                    if (r.signum() == 0 || r.compareTo(Curve.Q) >= 0) {
                        return null;
                    }
                    var alpha = Curve.G.multiply(r).normalize();
                    var beta = key.multiply(r);
                    if (choices[c] == l) {
                        beta = beta.add(Curve.G);
                    }
                    int off = 24 + c * (486 * levels + 356) + 486 * l;
                    if (!Arrays.equals(alpha.getEncoded(false), 0, 65, ballot, off, off + 65)
                            || !Arrays.equals(beta.normalize().getEncoded(false), 0, 65, ballot, off + 65, off + 130)) {
                        return null;
                    }
                }
            }
            return choices;
        }
    }
}
