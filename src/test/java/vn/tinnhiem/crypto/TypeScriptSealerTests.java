package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
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
import vn.tinnhiem.crypto.internal.Hex;
import vn.tinnhiem.crypto.internal.Nonces;

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
 *       one, its tracking code is SealedBallot's, and BallotOpening opens it with its opening (docs/protocol.md
 *       5.6) to its choices, while the opening with one nonce or one choice changed does not; 82 of them
 *       (the first of every manifest, two for the large batches) are sealed from given fresh bytes with
 *       uniquifier 0 and must equal, ballot and opening, what the Java sealer gives from the same bytes.
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

    /**
     * One manifest and the choices sealed under it. The first {@code reproducible} ballots are sealed from
     * given fresh bytes with uniquifier 0, so that the Java sealer must give the same bytes.
     */
    record Batch(Manifest manifest, List<int[]> choices, int reproducible) {}

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
                out.add(new Batch(manifest(kind + "-" + serial++, m, kind, rng), choices, 1));
                count += 2;
            }
            while (count < 1000) {
                int m = 1 + rng.nextInt(3);
                int n = Math.min(90, 1000 - count);
                List<int[]> choices = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    choices.add(Fixtures.randomChoices(m, kind.levelCount(), rng));
                }
                out.add(new Batch(manifest(kind + "-" + serial++, m, kind, rng), choices, 2));
                count += n;
            }
        }
        return out;
    }

    /** The 32 fresh bytes of reproducible ballot i. */
    static byte[] fresh(int i) {
        byte[] b = new byte[32];
        new SeededRandom("TypeScriptSealerTests fresh " + i).nextBytes(b);
        return b;
    }

    /** A "random" source that gives these 32 bytes, once: the one draw of a seal. */
    static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        private boolean used;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            assertFalse(used || out.length != 32, "a seal draws 32 bytes once");
            used = true;
            System.arraycopy(bytes, 0, out, 0, 32);
        }
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
            for (int i = 0; i < b.choices().size(); i++) {
                in.append("B ").append(Arrays.toString(b.choices().get(i)).replace(" ", "").replace("[", "").replace("]", ""));
                if (i < b.reproducible()) {
                    in.append(' ').append(Hex.encode(fresh(total)));
                }
                in.append('\n');
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
        int sameAsJava = 0;
        for (Batch b : batches) {
            ElectionContext ctx = ElectionContext.of(b.manifest());
            int levels = ctx.levelCount();
            List<SealedBallot> sealed = new ArrayList<>();
            for (int i = 0; i < b.choices().size(); i++) {
                int index = at;
                int[] choices = b.choices().get(i);
                String[] f = lines.get(at++).split(" ");
                SealedBallot s = SealedBallot.of(Hex.decode(f[0]));
                sealed.add(s);
                assertEquals(s.trackingCode(), f[1], "tracking code of ballot " + index);
                byte[] opening = Hex.decode(f[2]);
                if (i < b.reproducible()) {
                    // The same fresh bytes and uniquifier 0: the Java sealer gives the same ballot and opening.
                    SecureRandom same = new FixedRandom(fresh(index));
                    BallotSealer.Openable java = Nonces.reproducibly(() -> new BallotSealer(ctx, same).sealOpenable(choices.clone()));
                    assertEquals(Hex.encode(java.ballot().encode()), f[0], "ballot " + index + " byte for byte as the Java sealer's");
                    assertEquals(Hex.encode(java.opening()), f[2], "opening " + index + " byte for byte as the Java sealer's");
                    sameAsJava++;
                }
                BallotOpening.Result opened = BallotOpening.open(ctx, s, opening);
                assertTrue(opened instanceof BallotOpening.Opened o && Arrays.equals(o.choices(), choices),
                        "the opening of ballot " + index + " opens it to its choices: " + opened);
                openings++;
                // One nonce changed, and one choice changed: neither opens the ballot.
                int m = choices.length;
                byte[] badNonce = opening.clone();
                int item = pick.nextInt(m * levels);
                badNonce[24 + m + 32 * item + 31] ^= 1;
                assertEquals(new BallotOpening.Mismatch("CIPHERTEXT c=" + item / levels + " l=" + item % levels),
                        BallotOpening.open(ctx, s, badNonce), "a changed nonce does not open ballot " + index);
                byte[] badChoice = opening.clone();
                int c = pick.nextInt(m);
                int was = choices[c];
                int[] others = java.util.stream.IntStream.rangeClosed(0, levels).map(v -> v == levels ? 0xFF : v)
                        .filter(v -> v != (was & 0xFF)).toArray();
                badChoice[24 + c] = (byte) others[pick.nextInt(others.length)];
                assertTrue(BallotOpening.open(ctx, s, badChoice) instanceof BallotOpening.Mismatch mm
                                && mm.reason().startsWith("CIPHERTEXT c=" + c + " "),
                        "a changed choice does not open ballot " + index);
                tampered += 2;
            }
            BallotVerifier.BatchResult result = new BallotVerifier(ctx, new SecureRandom()).verifyAll(sealed, false);
            assertTrue(result.allOk(), b.manifest().electionId() + ": " + result);
            assertEquals(sealed.size(), result.checked());
        }
        long javaMs = (System.nanoTime() - t1) / 1_000_000;
        System.out.println(r.output().strip());
        System.out.printf("cross-verification: %d ballots under %d manifests, Node %.1f s in all (with start-up), "
                        + "Java verify + tracking codes + %d openings + %d tampered openings + %d ballots resealed in Java"
                        + " byte for byte %.1f s%n",
                total, batches.size(), nodeMs / 1000.0, openings, tampered, sameAsJava, javaMs / 1000.0);
        assertTrue(sameAsJava >= 60, "ballots compared byte for byte with the Java sealer: " + sameAsJava);
    }
}
