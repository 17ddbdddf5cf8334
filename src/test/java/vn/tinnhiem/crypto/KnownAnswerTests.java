package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.crypto.internal.Hex;

/**
 * Known-answer vectors: a seeded source must give exactly the bytes in
 * src/test/resources/vn/tinnhiem/crypto/kat-v1.json. Regenerate only on a deliberate format change,
 * with -Dtn.kat.write=true run from the project root, and say so in the commit. The nonces are
 * hedged (internal.Nonces): the vectors are made with the sessions' uniquifier left out, so that
 * the seeded source alone fixes them.
 */
class KnownAnswerTests {
    private static final String FILE = "kat-v1.json";
    /** The wrapped card's passphrase, in NFC. */
    static final String PASSPHRASE = java.text.Normalizer.normalize("Ban Kiểm phiếu", java.text.Normalizer.Form.NFC);

    /** Argon2id as 4.3 gives it, over the passphrase's UTF-8 and the card's salt [13, 29). */
    static byte[] cardKey(String card, String passphrase) {
        byte[] payload = vn.tinnhiem.crypto.internal.Base32.decode(card.substring(5),
                vn.tinnhiem.crypto.internal.Base32.RFC4648).orElseThrow();
        return ShareCards.argon2id(passphrase.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(payload, 13, 29),
                new byte[0], "TN1/card/key".getBytes(StandardCharsets.US_ASCII), 3, 65536, 1, 32);
    }

    static String vectors() {
        return vn.tinnhiem.crypto.internal.Nonces.reproducibly(KnownAnswerTests::generate);
    }

    private static String generate() {
        SeededRandom rng = new SeededRandom("TinNhiem KAT v1");
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("\"note\":\"SeededRandom(\\\"TinNhiem KAT v1\\\"): SHA-256(seed || u64 counter) blocks, see SeededRandom.java\",\n");
        for (BallotKind kind : BallotKind.values()) {
            try (Ceremony.Dealing d = Ceremony.deal(2, 3, rng)) {
                Manifest mf = Fixtures.manifest("kat-" + kind, 2, kind, d.electionKey(), d.commitments(), 2, 3);
                ElectionContext ctx = ElectionContext.of(mf);
                sb.append('"').append(kind).append("\":{\n\"manifest\":").append(mf.toJson()).append(",\n");
                sb.append("\"manifestEncoding\":\"").append(Hex.encode(mf.encode())).append("\",\n");
                List<char[]> pass = new ArrayList<>(Arrays.asList(null, null, null));
                if (kind == BallotKind.THREE_LEVEL) {
                    pass.set(2, PASSPHRASE.toCharArray());
                }
                List<String> cards = d.cards(mf.hash(), pass, rng);
                sb.append("\"shareCards\":[");
                for (int i = 0; i < cards.size(); i++) {
                    sb.append(i > 0 ? "," : "").append('"').append(cards.get(i)).append('"');
                }
                sb.append("],\n");
                if (kind == BallotKind.THREE_LEVEL) {
                    // The passphrase and the key it gives, so that the wrapped card can be opened from outside (4.3).
                    sb.append("\"wrappedCard\":{\"seat\":3,\"passphrase\":\"").append(PASSPHRASE)
                            .append("\",\"argon2id\":\"").append(Hex.encode(cardKey(cards.get(2), PASSPHRASE))).append("\"},\n");
                }
                sb.append("\"ballots\":[\n");
                int levels = kind.levelCount();
                int[][] choices = {{0, levels - 1}, {-1, 1}, {levels - 1, levels - 1}};
                BallotSealer sealer = new BallotSealer(ctx, rng);
                List<SealedBallot> ballots = new ArrayList<>();
                for (int i = 0; i < choices.length; i++) {
                    SealedBallot b = sealer.seal(choices[i].clone());
                    ballots.add(b);
                    sb.append(i > 0 ? ",\n" : "").append("{\"choices\":").append(Arrays.toString(choices[i]).replace(" ", ""))
                            .append(",\"id\":\"").append(b.id()).append("\",\"trackingCode\":\"").append(b.trackingCode())
                            .append("\",\"sealed\":\"").append(Hex.encode(b.encode())).append("\"}");
                }
                EncryptedTally tally = EncryptedTally.aggregate(ctx, ballots, false);
                sb.append("],\n\"tally\":\"").append(Hex.encode(tally.encode())).append("\",\n\"partials\":[");
                PartialDecryption p1 = Decryption.partial(ctx, tally, d.shares().get(0), rng);
                PartialDecryption p3 = Decryption.partial(ctx, tally, d.shares().get(2), rng);
                sb.append('"').append(Hex.encode(p1.encode())).append("\",\"").append(Hex.encode(p3.encode())).append("\"],\n");
                Decryption.Decrypted dec = (Decryption.Decrypted) Decryption.combine(ctx, tally, List.of(p1, p3));
                sb.append("\"counts\":[");
                for (Counts.CandidateCount cc : dec.counts().candidates()) {
                    sb.append(cc.candidate() > 0 ? "," : "").append("{\"levels\":").append(cc.levels().toString().replace(" ", ""))
                            .append(",\"valid\":").append(cc.valid()).append(",\"invalid\":").append(cc.invalid()).append('}');
                }
                sb.append("]\n}").append(kind == BallotKind.THREE_LEVEL ? ",\n" : "\n");
            }
        }
        return sb.append("}\n").toString();
    }

    @Test
    void seeded_run_reproduces_the_committed_vectors_byte_for_byte() throws IOException {
        String now = vectors();
        if (Boolean.getBoolean("tn.kat.write")) {
            Path p = Path.of("src/test/resources/vn/tinnhiem/crypto", FILE);
            Files.createDirectories(p.getParent());
            Files.writeString(p, now, StandardCharsets.UTF_8);
        }
        try (InputStream in = KnownAnswerTests.class.getResourceAsStream(FILE)) {
            assertNotNull(in, "missing " + FILE + ": generate it with -Dtn.kat.write=true");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), now);
        }
    }

    @Test
    void the_published_passphrase_opens_the_wrapped_card_and_gives_the_published_key() throws IOException {
        String json;
        try (InputStream in = KnownAnswerTests.class.getResourceAsStream(FILE)) {
            assertNotNull(in);
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int at = json.indexOf("\"wrappedCard\":{");
        assertTrue(at > 0, "the KAT publishes the wrapped card's passphrase");
        String passphrase = json.substring(json.indexOf("\"passphrase\":\"", at) + 14, json.indexOf("\",\"argon2id\"", at));
        String key = json.substring(json.indexOf("\"argon2id\":\"", at) + 12, json.indexOf("\"}", at));
        SeededRandom rng = new SeededRandom("TinNhiem KAT v1");
        try (Ceremony.Dealing d = Ceremony.deal(2, 3, rng)) {
            Manifest mf = Fixtures.manifest("kat-THREE_LEVEL", 2, BallotKind.THREE_LEVEL, d.electionKey(), d.commitments(), 2, 3);
            int cards = json.indexOf("\"shareCards\":[");
            int third = json.indexOf("\"TN1S:", json.indexOf("\"TN1S:", json.indexOf("\"TN1S:", cards) + 1) + 1) + 1;
            String card = json.substring(third, json.indexOf('"', third));
            var read = ShareCards.read(card, mf, passphrase.toCharArray());
            assertTrue(read instanceof ShareCards.Accepted a && a.share().index() == 3, String.valueOf(read));
            assertTrue(ShareCards.read(card, mf, "Ban kiểm phiếu".toCharArray()) instanceof ShareCards.Rejected);
            assertEquals(key, Hex.encode(cardKey(card, passphrase)));
        }
    }

    @Test
    void committed_vectors_still_verify_and_decrypt() throws IOException {
        // The committed ballots must verify under the committed manifest independently of regeneration.
        String now = vectors();
        assertTrue(now.contains("\"trackingCode\""));
        SeededRandom rng = new SeededRandom("TinNhiem KAT v1");
        try (Ceremony.Dealing d = Ceremony.deal(2, 3, rng)) {
            Manifest mf = Fixtures.manifest("kat-THREE_LEVEL", 2, BallotKind.THREE_LEVEL, d.electionKey(), d.commitments(), 2, 3);
            try (InputStream in = KnownAnswerTests.class.getResourceAsStream(FILE)) {
                assertNotNull(in);
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int at = json.indexOf("\"sealed\":\"") + 10;
                SealedBallot b = SealedBallot.of(Hex.decode(json.substring(at, json.indexOf('"', at))));
                assertTrue(new BallotVerifier(ElectionContext.of(mf), new java.security.SecureRandom()).verify(b).ok());
                assertTrue(json.contains(mf.hashHex()));
            }
        }
    }
}
