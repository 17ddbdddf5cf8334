package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.crypto.internal.BatchAffine;
import vn.tinnhiem.crypto.internal.Curve;
import vn.tinnhiem.crypto.internal.FixedBaseTable;
import vn.tinnhiem.crypto.internal.Hex;
import vn.tinnhiem.crypto.internal.P256;

/**
 * Published test vectors (src/test/resources/vn/tinnhiem/crypto/external-vectors.txt, each with
 * its source) run through the project's own code paths: the SHA-256 under Hashing, the three ways
 * the module multiplies by G (the fixed-base table behind Point.multiplyG, the sealer's regular
 * recoding in batched affine additions, Bouncy Castle's variable-base multiply behind
 * Point.multiply) and the Argon2id call of the share cards.
 */
class ExternalKnownAnswerTests {
    private static final List<String[]> VECTORS = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ExternalKnownAnswerTests.class.getResourceAsStream("external-vectors.txt")) {
            assertNotNull(in);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    VECTORS.add(Arrays.stream(line.split(" \\| ")).map(String::strip).toArray(String[]::new));
                }
            }
        }
    }

    private static List<String[]> of(String kind) {
        List<String[]> out = VECTORS.stream().filter(v -> v[0].equals(kind)).toList();
        assertFalse(out.isEmpty(), kind);
        return out;
    }

    private static byte[] message(String spec) {
        if (spec.startsWith("\"")) {
            return spec.substring(1, spec.length() - 1).getBytes(StandardCharsets.US_ASCII);
        }
        String[] parts = spec.split(" x ");
        return message(parts[1]).length == 0 ? new byte[0]
                : new String(message(parts[1]), StandardCharsets.US_ASCII).repeat(Integer.parseInt(parts[0]))
                        .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void sha256_gives_the_fips_180_2_digests() {
        List<String[]> vs = of("sha256");
        assertEquals(4, vs.size());
        for (String[] v : vs) {
            MessageDigest md = Hashing.sha256();
            byte[] m = message(v[1]);
            // fed in pieces, as Hashing feeds its parts
            int half = m.length / 2;
            md.update(m, 0, half);
            md.update(m, half, m.length - half);
            assertEquals(v[2], Hex.encode(md.digest()), v[1].length() > 40 ? v[1].substring(0, 40) : v[1]);
        }
    }

    @Test
    void p256_multiplication_gives_the_published_points_on_every_path() {
        List<String[]> vs = of("p256");
        assertEquals(28, vs.size());
        BatchAffine ba = new BatchAffine(vs.size(), vs.size());
        List<int[]> digits = new ArrayList<>();
        for (String[] v : vs) {
            BigInteger k = new BigInteger(v[1]);
            String expected = "04" + v[2].toLowerCase(Locale.ROOT) + v[3].toLowerCase(Locale.ROOT);
            assertEquals(expected, Hex.encode(Point.multiplyG(new Scalar(k)).encodeUncompressed()), "table, k = " + k);
            assertEquals(expected, Hex.encode(Point.G.multiply(new Scalar(k)).encodeUncompressed()), "BC, k = " + k);
            ECPoint viaTable = Curve.G_TABLE.multiply(k).normalize();
            assertEquals(expected, Hex.encode(viaTable.getEncoded(false)));
            digits.add(FixedBaseTable.regularDigits(k));
        }
        // the sealer's path: every product advanced row by row in one batch
        for (int row = 0; row < FixedBaseTable.rows(); row++) {
            for (int j = 0; j < vs.size(); j++) {
                Curve.G_TABLE.queueRegularRow(ba, j, row, digits.get(j));
            }
            ba.flush();
        }
        byte[] enc = new byte[65];
        for (int j = 0; j < vs.size(); j++) {
            String[] v = vs.get(j);
            P256.writeAffine(ba.ax[j], ba.ay[j], enc, 0);
            assertEquals("04" + v[2].toLowerCase(Locale.ROOT) + v[3].toLowerCase(Locale.ROOT), Hex.encode(enc),
                    "sealer path, k = " + v[1]);
        }
    }

    @Test
    void argon2id_gives_the_rfc_9106_tag_through_the_share_cards_call() {
        List<String[]> vs = of("argon2id");
        for (String[] v : vs) {
            byte[] tag = ShareCards.argon2id(Hex.decode(v[4]), Hex.decode(v[5]), Hex.decode(v[6]), Hex.decode(v[7]),
                    Integer.parseInt(v[1]), Integer.parseInt(v[2]), Integer.parseInt(v[3]), 32);
            assertEquals(v[8], Hex.encode(tag));
        }
    }
}
