package vn.tinnhiem.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.tinnhiem.count.Results;
import vn.tinnhiem.count.internal.CountRepository;
import vn.tinnhiem.count.internal.RecordWriter;
import vn.tinnhiem.crypto.BallotBox;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotSealer;
import vn.tinnhiem.crypto.Ceremony;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.crypto.SeededRandom;
import vn.tinnhiem.crypto.internal.Nonces;
import vn.tinnhiem.election.RuleSet;

/**
 * The known-answer election record (docs/protocol.md 11): src/test/resources/vn/tinnhiem/crypto/kat-record-v1.json,
 * made from fixed seeds by the app's own path (sealer, ballot box, partial decryptions, results, RecordWriter),
 * so that an outside verifier can be tested on a record whose every check has something to check: 5 stored
 * rows, 3 counted (one with a blank), a copy under another id, a set-aside row, two checked ballots (opened, one
 * with a blank; docs/protocol.md 5.6), k = 2 of 3 partials given out of index order, by both paths, a manifest with
 * a name typed decomposed (NFD) and a title with escapes.
 * Regenerate only on a deliberate format change, with -Dtn.kat.write=true from the project root, and say so in
 * the commit.
 */
class KnownAnswerRecordTests {
    static final String FILE = "kat-record-v1.json";

    static byte[] generate() {
        return Nonces.reproducibly(KnownAnswerRecordTests::build);
    }

    private static byte[] build() {
        SeededRandom rng = new SeededRandom("TinNhiem KAT record v1");
        try (Ceremony.Dealing d = Ceremony.deal(2, 3, rng)) {
            Manifest mf = new Manifest("kat-record", "Hội nghị \"lấy phiếu\" tín nhiệm \\ KAT",
                    List.of(new Manifest.Candidate("c-1", 1, Normalizer.normalize("Nguyễn Văn Ánh", Normalizer.Form.NFD),
                            "Giám đốc Sở"), new Manifest.Candidate("c-2", 2, "Trần Thị Bích", "Phó Giám đốc\tSở")),
                    BallotKind.THREE_LEVEL, "QD_96_2023", d.electionKey(), d.commitments(), 2, 3);
            ElectionContext ctx = ElectionContext.of(mf);
            BallotSealer sealer = new BallotSealer(ctx, rng);
            SealedBallot b1 = sealer.seal(new int[] {0, 2});
            SealedBallot b2 = sealer.seal(new int[] {1, -1});
            SealedBallot b3 = sealer.seal(new int[] {2, 2});
            SealedBallot b4 = sealer.seal(new int[] {0, 0});
            // A copy of b1 under another id (its proofs fail: the id is in the binding), and b4 with one byte
            // of its first bit proof's c_0 changed.
            byte[] copy = b1.encode();
            byte[] newId = new byte[16];
            rng.nextBytes(newId);
            System.arraycopy(newId, 0, copy, 5, 16);
            byte[] changed = b4.encode();
            changed[24 + 390 + 31] ^= 1;
            List<SealedBallot> stored = List.of(b1, b2, b3, SealedBallot.of(copy), SealedBallot.of(changed));
            BallotBox.Opened box = BallotBox.open(ctx, stored, new SeededRandom("TinNhiem KAT record v1 box"), done -> {});
            PartialDecryption p3 = Decryption.partial(ctx, box.tally(), d.shares().get(2), rng);
            PartialDecryption p1 = Decryption.partial(ctx, box.tally(), d.shares().get(0), rng);
            var decrypted = (Decryption.Decrypted) Decryption.combine(ctx, box.tally(), List.of(p3, p1));
            String results = Results.compute(RuleSet.QD_96_2023, BallotKind.THREE_LEVEL, 5, 4, decrypted.counts(),
                    mf.candidates()).toJson();
            List<RecordWriter.Copy> copies = box.copies().stream()
                    .map(c -> new RecordWriter.Copy(c.id(), c.trackingCode(), c.ballot().encode(), c.copyOf())).toList();
            List<RecordWriter.SetAside> setAside = new ArrayList<>();
            for (BallotBox.SetAside s : box.setAside()) {
                setAside.add(new RecordWriter.SetAside(s.id(), s.trackingCode(), s.ballot().encode(),
                        s.check().failures().stream().map(f -> f.part().name() + (f.candidate() >= 0 ? "/c" + (f.candidate() + 1) : "")
                                + (f.level() >= 0 ? "/l" + (f.level() + 1) : "")).toList()));
            }
            // Two ballots used to check the tablet, each sealed from its own seed and opened (5.6): never counted.
            List<RecordWriter.Checked> checked = new ArrayList<>();
            for (var opened : List.of(CheckedBallots.seal(ctx, "TinNhiem KAT record v1 checked 1", new int[] {2, -1}),
                    CheckedBallots.seal(ctx, "TinNhiem KAT record v1 checked 2", new int[] {0, 1}))) {
                checked.add(new RecordWriter.Checked(opened.sealed().encode(), opened.opening()));
            }
            // An illustrative close entry: the KAT has no audit chain, the numbers only fill the fields.
            String closeHash = HexFormat.of().formatHex(sha256("TinNhiem KAT record v1 count.closed"));
            var content = new RecordWriter.Content(mf, "Đảng ủy Khối \"Cơ quan\"", "Hội trường 1",
                    LocalDateTime.of(2026, 12, 1, 8, 0),
                    new CountRepository.Closing(LocalDateTime.of(2026, 12, 1, 11, 30), 5, 4, 4, 4, 0, 1),
                    box.stored(), box.counted(), 4, copies, setAside, checked, box.tally(),
                    List.of(new CountRepository.PartialRow(3, 1, "OFFLINE", p3.encode()),
                            new CountRepository.PartialRow(1, 2, "HALL", p1.encode())),
                    results, new RecordWriter.CloseEntry(17, closeHash));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RecordWriter.write(content, out);
            return out.toByteArray();
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] committed() throws IOException {
        try (InputStream in = KnownAnswerRecordTests.class.getResourceAsStream("/vn/tinnhiem/crypto/" + FILE)) {
            assertThat(in).as("missing " + FILE + ": generate it with -Dtn.kat.write=true").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void the_seeds_rebuild_the_committed_record_byte_for_byte() throws IOException {
        byte[] now = generate();
        if (Boolean.getBoolean("tn.kat.write")) {
            Files.write(Path.of("src/test/resources/vn/tinnhiem/crypto", FILE), now);
        }
        assertThat(new String(now, StandardCharsets.UTF_8)).isEqualTo(new String(committed(), StandardCharsets.UTF_8));
        assertThat(now).isEqualTo(committed());
    }

    @Test
    void verify_accepts_it_and_every_check_has_something_to_check() throws IOException {
        List<RecordVerifier.Check> checks = new RecordVerifier().verify(committed());
        assertThat(checks).allSatisfy(c -> assertThat(c.holds()).as(c.name() + " " + c.args()).isTrue());
        assertThat(checks.get(3).args()).containsExactly("3"); // ballots
        assertThat(checks.get(5).args()).containsExactly("1"); // copies
        assertThat(checks.get(6).args()).containsExactly("1"); // set aside
        assertThat(checks.get(7).detailKey()).isEqualTo("verify.ok.boxAudited");
        assertThat(checks.get(7).args()).startsWith("5", "3", "4", "-1");
        assertThat(checks.get(9).args()).containsExactly("2", "3, 1", "2");
        assertThat(checks.get(12).name()).isEqualTo("verify.check.checked");
        assertThat(checks.get(12).detailKey()).isEqualTo("verify.ok.checked");
        assertThat(checks.get(12).args()).containsExactly("2");
        String text = new String(committed(), StandardCharsets.UTF_8);
        assertThat(text).contains(Normalizer.normalize("Nguyễn Văn Ánh", Normalizer.Form.NFC))
                .contains("\\\"lấy phiếu\\\"").contains("\\\\ KAT").contains("Phó Giám đốc\\tSở").doesNotEndWith("\n");
    }

    /** The negative vectors: each mutation of the known-answer record and the check that must name it. */
    @Test
    void verify_rejects_mutations_of_it() throws IOException {
        String kat = new String(committed(), StandardCharsets.UTF_8);
        int code = kat.indexOf("\"trackingCode\":\"") + 16; // the first counted ballot's
        assertThat(failing(kat.substring(0, code) + (kat.charAt(code) == 'Z' ? 'Y' : 'Z') + kat.substring(code + 1)))
                .contains("verify.check.ballots");
        assertThat(failing(kat.replace("\"present\":4", "\"present\":6"))).containsExactly("verify.check.box");
        assertThat(failing(kat.replace(",\"spentCards\":4,\"difference\":-1", ",\"spentCards\":4,\"difference\":1")))
                .containsExactly("verify.check.box");
        assertThat(failing(kat.replace("{\"format\"", "{ \"format\""))).containsExactly("verify.check.readable");
        assertThat(failing(kat.replace("\"ruleSet\":\"QD_96_2023\",\"kind\"", "\"ruleSet\":\"NQ_85_2014\",\"kind\"")))
                .containsExactly("verify.check.results");
        int partials = kat.indexOf("\"partials\":[");
        int share = kat.indexOf("\"share\":\"", partials) + 9;
        String shareHex = kat.substring(share, share + 66);
        int next = kat.indexOf("\"share\":\"", share) + 9;
        assertThat(failing(kat.substring(0, share) + kat.substring(next, next + 66) + kat.substring(share + 66)))
                .containsExactly("verify.check.partials", "verify.check.counts");
        assertThat(shareHex).hasSize(66);
        // The checked ballots: a listed choice that is not the opening's, and an opening whose first nonce changed.
        int choices = kat.indexOf("\"choices\":[\"") + 12;
        String first = kat.substring(choices, kat.indexOf('"', choices));
        assertThat(failing(kat.substring(0, choices) + (first.equals("LOW") ? "HIGH" : "LOW")
                + kat.substring(choices + first.length()))).containsExactly("verify.check.checked");
        int nonce = kat.indexOf("\"opening\":\"") + 11 + 2 * (24 + 2) + 63;
        assertThat(failing(kat.substring(0, nonce) + (kat.charAt(nonce) == '1' ? '2' : '1') + kat.substring(nonce + 1)))
                .containsExactly("verify.check.checked");
    }

    private static List<String> failing(String record) {
        return new RecordVerifier().verify(record.getBytes(StandardCharsets.UTF_8)).stream().filter(c -> !c.holds())
                .map(RecordVerifier.Check::name).toList();
    }
}
