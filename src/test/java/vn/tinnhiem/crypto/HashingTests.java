package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashingTests {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void length_prefixes_keep_part_boundaries_apart() {
        assertFalse(java.util.Arrays.equals(Hashing.hash("TN1/t", b("ab"), b("c")), Hashing.hash("TN1/t", b("a"), b("bc"))));
        assertFalse(java.util.Arrays.equals(Hashing.hash("TN1/t", b("x")), Hashing.hash("TN1/u", b("x"))));
        assertFalse(java.util.Arrays.equals(Hashing.hash("TN1/t"), Hashing.hash("TN1/t", new byte[0])));
    }

    @Test
    void hash_layout_is_sha256_of_length_prefixed_tag_and_parts() throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(new byte[] {0, 0, 0, 5});
        md.update(b("TN1/t"));
        md.update(new byte[] {0, 0, 0, 2});
        md.update(b("hi"));
        assertArrayEquals(md.digest(), Hashing.hash("TN1/t", b("hi")));
    }

    private static Manifest base(SeededRandom rng) {
        Ceremony.Dealing d = Ceremony.deal(2, 3, rng);
        Manifest m = Fixtures.manifest("e1", 3, BallotKind.THREE_LEVEL, d.electionKey(), d.commitments(), 2, 3);
        d.destroy();
        return m;
    }

    @Test
    void manifest_hash_changes_with_every_field() {
        SeededRandom rng = new SeededRandom("manifest");
        Manifest m = base(rng);
        List<Manifest> variants = new ArrayList<>();
        variants.add(new Manifest("e2", m.title(), m.candidates(), m.kind(), m.ruleSet(), m.electionKey(), m.commitments(), 2, 3));
        variants.add(new Manifest(m.electionId(), "x", m.candidates(), m.kind(), m.ruleSet(), m.electionKey(), m.commitments(), 2, 3));
        variants.add(new Manifest(m.electionId(), m.title(), m.candidates(), BallotKind.TWO_LEVEL, m.ruleSet(), m.electionKey(), m.commitments(), 2, 3));
        variants.add(new Manifest(m.electionId(), m.title(), m.candidates(), m.kind(), "85/2014", m.electionKey(), m.commitments(), 2, 3));
        variants.add(new Manifest(m.electionId(), m.title(), m.candidates(), m.kind(), m.ruleSet(), m.electionKey(), m.commitments(), 2, 4));
        List<Manifest.Candidate> swapped = List.of(
                new Manifest.Candidate(m.candidates().get(1).id(), 1, m.candidates().get(1).name(), m.candidates().get(1).position()),
                new Manifest.Candidate(m.candidates().get(0).id(), 2, m.candidates().get(0).name(), m.candidates().get(0).position()),
                m.candidates().get(2));
        variants.add(new Manifest(m.electionId(), m.title(), swapped, m.kind(), m.ruleSet(), m.electionKey(), m.commitments(), 2, 3));
        Manifest other = base(rng);
        variants.add(new Manifest(m.electionId(), m.title(), m.candidates(), m.kind(), m.ruleSet(), other.electionKey(), other.commitments(), 2, 3));
        for (Manifest v : variants) {
            assertFalse(java.util.Arrays.equals(m.hash(), v.hash()), v.toString());
        }
        assertArrayEquals(m.hash(), base(new SeededRandom("manifest")).hash());
    }

    @Test
    void composed_and_decomposed_vietnamese_hash_alike() {
        SeededRandom rng = new SeededRandom("nfc");
        Manifest m = base(rng);
        String composed = "Tín nhiệm";
        String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);
        assertNotEquals(composed, decomposed);
        Manifest a = new Manifest(m.electionId(), composed, m.candidates(), m.kind(), m.ruleSet(), m.electionKey(), m.commitments(), 2, 3);
        Manifest b = new Manifest(m.electionId(), decomposed, m.candidates(), m.kind(), m.ruleSet(), m.electionKey(), m.commitments(), 2, 3);
        assertArrayEquals(a.hash(), b.hash());
        assertEquals(a.toJson(), b.toJson());
    }

    @Test
    void manifest_refuses_inconsistent_keys_and_orders() {
        SeededRandom rng = new SeededRandom("bad");
        Manifest m = base(rng);
        assertThrows(IllegalArgumentException.class, () -> new Manifest("e", "t", m.candidates(), m.kind(), "r",
                m.commitments().get(1), m.commitments(), 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new Manifest("e", "t", m.candidates(), m.kind(), "r",
                m.electionKey(), m.commitments(), 3, 3));
        assertThrows(IllegalArgumentException.class, () -> new Manifest("e", "t",
                List.of(new Manifest.Candidate("a", 2, "A", "P")), m.kind(), "r", m.electionKey(), m.commitments(), 2, 3));
    }

    @Test
    void two_spellings_of_one_candidate_id_are_refused() {
        Manifest m = base(new SeededRandom("ids"));
        var composed = new Manifest.Candidate("ứng-viên", 1, "A", "P");
        var decomposed = new Manifest.Candidate("u\u031B\u0301ng-vie\u0302n", 2, "B", "P");
        assertThrows(IllegalArgumentException.class, () -> new Manifest("e", "t", List.of(composed, decomposed),
                m.kind(), "r", m.electionKey(), m.commitments(), 2, 3));
    }
}
