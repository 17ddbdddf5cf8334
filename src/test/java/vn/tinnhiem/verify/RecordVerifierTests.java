package vn.tinnhiem.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.text.Normalizer;
import java.util.function.Consumer;

import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.SealedBallot;

/** The verifier passes a genuine record and names the check each tamper breaks. */
class RecordVerifierTests {

    private static final SecureRandom RNG = new SecureRandom();
    private static Records.Record genuine;
    private static String genuineJson;

    @BeforeAll
    static void build() {
        genuine = Records.genuine(4, BallotKind.THREE_LEVEL, "QD_96_2023", 2, 3, 12, true, RNG);
        genuineJson = genuine.toJson();
    }

    private static List<RecordVerifier.Check> verify(byte[] bytes) {
        return new RecordVerifier().verify(bytes);
    }

    private static Records.Record copy() {
        // Rebuild the mutable parts from the genuine record's values (its lists and rows are shared otherwise).
        Records.Record r = new Records.Record();
        r.manifest = genuine.manifest;
        r.summoned = genuine.summoned;
        r.present = genuine.present;
        r.quorumMet = genuine.quorumMet;
        r.cardsActivated = genuine.cardsActivated;
        r.cardsSpent = genuine.cardsSpent;
        r.cardsUnspent = genuine.cardsUnspent;
        r.cardsVoided = genuine.cardsVoided;
        r.auditSeq = genuine.auditSeq;
        r.auditHash = genuine.auditHash;
        r.stored = genuine.stored;
        r.boxCounted = genuine.boxCounted;
        r.difference = genuine.difference;
        r.ballots = new java.util.ArrayList<>(genuine.ballots);
        r.copies = new java.util.ArrayList<>(genuine.copies);
        r.setAside = new java.util.ArrayList<>(genuine.setAside);
        r.tally = genuine.tally;
        r.partials = new java.util.ArrayList<>(genuine.partials);
        r.ruleSet = genuine.ruleSet;
        r.kind = genuine.kind;
        r.denominator = genuine.denominator;
        r.returned = genuine.returned;
        r.sealed = genuine.sealed;
        for (Records.Row g : genuine.rows) {
            Records.Row row = new Records.Row();
            row.id = g.id;
            row.order = g.order;
            row.levels = g.levels.clone();
            row.valid = g.valid;
            row.invalid = g.invalid;
            row.percentages = g.percentages.clone();
            row.band = g.band;
            r.rows.add(row);
        }
        return r;
    }

    /** The checks that fail after the change. */
    private static List<String> failing(Consumer<Records.Record> tamper) {
        Records.Record r = copy();
        tamper.accept(r);
        return failing(r.bytes());
    }

    private static List<String> failing(byte[] bytes) {
        return verify(bytes).stream().filter(c -> !c.holds()).map(RecordVerifier.Check::name).toList();
    }

    @Test
    void a_genuine_record_passes_every_check_in_the_documented_order() {
        List<RecordVerifier.Check> checks = verify(genuineJson.getBytes(StandardCharsets.UTF_8));
        assertThat(checks).extracting(RecordVerifier.Check::name).containsExactlyElementsOf(RecordVerifier.CHECKS);
        assertThat(checks).allSatisfy(c -> assertThat(c.holds()).as(c.name() + " " + c.args()).isTrue());
        var vi = RecordVerifier.bundle(Locale.ROOT);
        assertThat(checks.get(3).detail(vi)).isEqualTo("12 phiếu, mọi chứng minh đều đúng");
        var en = RecordVerifier.bundle(Locale.ENGLISH);
        assertThat(checks.get(9).detail(en)).isEqualTo("2 good partial decryptions (tellers 2, 1), 2 needed");
    }

    @Test
    void a_record_of_another_rule_set_and_a_two_level_ballot_passes() {
        var r = Records.genuine(3, BallotKind.TWO_LEVEL, "NQ_85_2014", 3, 5, 7, false, RNG);
        assertThat(failing(r.bytes())).isEmpty();
    }

    @Test
    void a_record_with_no_ballots_passes() {
        var r = Records.genuine(3, BallotKind.THREE_LEVEL, "QD_96_2023", 2, 3, 0, false, RNG);
        List<RecordVerifier.Check> checks = verify(r.bytes());
        assertThat(checks).allSatisfy(c -> assertThat(c.holds()).as(c.name() + " " + c.args()).isTrue());
        assertThat(r.rows.get(0).percentages).containsExactly("0,00", "0,00", "0,00");
    }

    @Test
    void a_changed_byte_in_a_ballot_fails_its_proofs() {
        List<String> f = failing(r -> {
            String b = r.ballots.get(5);
            int at = b.indexOf("\"c0\":\"") + 6 + 10;
            char c = b.charAt(at);
            r.ballots.set(5, b.substring(0, at) + (c == '0' ? '1' : '0') + b.substring(at + 1));
            // The tracking code is the hash of the changed bytes: as a forger would write it.
            byte[] bytes = r.sealed.get(5).encode();
            r.ballots.set(5, fixTrackingCode(r.ballots.get(5), bytes, at));
        });
        assertThat(f).contains("verify.check.ballots");
    }

    private static String fixTrackingCode(String json, byte[] original, int changedCharAt) {
        // Recompute the tracking code from the JSON's own bytes with the verifier's reading of it.
        try {
            var map = Fields.object(JsonReader.parse(json.getBytes(StandardCharsets.UTF_8)), "");
            byte[] bin = Ballots.binary(map, "b");
            assertThat(bin).isNotEqualTo(original);
            String old = (String) map.get("trackingCode");
            return json.replace(old, Ballots.trackingCode(bin));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_changed_tracking_code_is_caught() {
        List<String> f = failing(r -> r.ballots.set(2, r.ballots.get(2).replaceFirst("\"trackingCode\":\"(.)",
                "\"trackingCode\":\"" + (r.ballots.get(2).contains("\"trackingCode\":\"Z") ? "Y" : "Z"))));
        assertThat(f).containsExactly("verify.check.ballots");
    }

    @Test
    void a_removed_ballot_breaks_the_totals_and_the_box() {
        List<String> f = failing(r -> r.ballots.remove(3));
        assertThat(f).contains("verify.check.tally", "verify.check.box").doesNotContain("verify.check.ballots");
        // Even with the box's figures brought in line, the totals are not the sum of what is listed.
        assertThat(failing(r -> {
            r.ballots.remove(3);
            r.boxCounted--;
            r.stored--;
            r.difference = -1;
        })).contains("verify.check.tally").doesNotContain("verify.check.box", "verify.check.ballots");
    }

    @Test
    void a_ballot_duplicated_into_the_counted_list_is_caught() {
        List<String> f = failing(r -> r.ballots.add(4, r.ballots.get(4)));
        assertThat(f).contains("verify.check.distinct").doesNotContain("verify.check.ballots");
    }

    @Test
    void a_copy_under_a_new_id_counted_again_is_caught_by_its_content_or_its_proofs() {
        // The same ciphertexts under another id fail their proofs (the id is in the binding).
        List<String> f = failing(r -> {
            byte[] b = r.sealed.get(0).encode();
            b[6] ^= 1;
            r.ballots.add(SealedBallot.of(b).toJson());
        });
        assertThat(f).contains("verify.check.ballots", "verify.check.distinct");
    }

    @Test
    void a_set_aside_ballot_that_verifies_is_caught() {
        List<String> f = failing(r -> r.setAside.add(Records.setAsideJson(r.sealed.get(7), "BINDING")));
        // The box still adds up (the row is counted as stored): only the set-aside check can see it.
        assertThat(failing(r -> {
            r.setAside.add(Records.setAsideJson(r.sealed.get(7), "BINDING"));
            r.stored++;
        })).containsExactly("verify.check.setAside");
        assertThat(f).contains("verify.check.setAside");
    }

    @Test
    void a_copy_that_repeats_nothing_is_caught() {
        assertThat(failing(r -> r.copies.set(0, Records.copyJson(r.sealed.get(1), r.sealed.get(0).id()))))
                .containsExactly("verify.check.copies");
    }

    @Test
    void a_copy_under_another_id_of_the_same_content_is_accepted_as_a_copy() {
        assertThat(failing(r -> {
            byte[] b = r.sealed.get(2).encode();
            b[20] ^= 1; // another id: the proofs fail, so the server did not count it, and lists it as a copy
            r.copies.add(Records.copyJson(SealedBallot.of(b), r.sealed.get(2).id()));
            r.stored++;
        })).isEmpty();
        // Named as a copy of another counted ballot than the one it repeats: caught.
        assertThat(failing(r -> {
            byte[] b = r.sealed.get(2).encode();
            b[20] ^= 1;
            r.copies.add(Records.copyJson(SealedBallot.of(b), r.sealed.get(3).id()));
            r.stored++;
        })).containsExactly("verify.check.copies");
    }

    @Test
    void a_changed_tally_entry_is_caught() {
        List<String> f = failing(r -> {
            String other = r.tally.substring(r.tally.indexOf("\"beta\":\"") + 8, r.tally.indexOf("\"beta\":\"") + 74);
            int alpha = r.tally.indexOf("\"alpha\":\"", 200) + 9;
            r.tally = r.tally.substring(0, alpha) + other + r.tally.substring(alpha + 66);
        });
        assertThat(f).contains("verify.check.tally");
    }

    @Test
    void a_changed_share_in_a_partial_decryption_is_caught() {
        List<String> f = failing(r -> {
            String p = r.partials.get(1);
            int first = p.indexOf("\"share\":\"") + 9;
            int second = p.indexOf("\"share\":\"", first) + 9;
            // Another valid point: the share of the next entry.
            r.partials.set(1, p.substring(0, first) + p.substring(second, second + 66) + p.substring(first + 66));
        });
        assertThat(f).containsExactly("verify.check.partials", "verify.check.counts");
    }

    @Test
    void fewer_than_k_partials_are_refused() {
        List<String> f = failing(r -> r.partials.remove(0));
        assertThat(f).containsExactly("verify.check.partials", "verify.check.counts");
        var check = verify(withOnePartial()).get(9);
        assertThat(check.detail(RecordVerifier.bundle(Locale.ENGLISH))).isEqualTo("Only 1 good partial decryptions, 2 needed");
    }

    private static byte[] withOnePartial() {
        Records.Record r = copy();
        r.partials.remove(0);
        return r.bytes();
    }

    @Test
    void a_partial_of_the_same_teller_twice_is_refused() {
        assertThat(failing(r -> r.partials.set(1, r.partials.get(0)))).containsExactly("verify.check.partials",
                "verify.check.counts");
    }

    @Test
    void a_changed_result_count_is_caught() {
        List<String> f = failing(r -> {
            Records.Row row = r.rows.get(1);
            int from = row.levels[0] > 0 ? 0 : 1;
            row.levels[from]--;
            row.levels[2]++;
            // Every other figure made consistent with the false count: only the decryption can tell.
            row.percentages = Arrays.stream(row.levels).mapToObj(x -> Records.percent(x, r.denominator)).toArray(String[]::new);
            row.band = Records.row(new vn.tinnhiem.crypto.Manifest.Candidate(row.id, row.order, "", ""), row.levels,
                    (int) r.returned, r.denominator, BallotKind.THREE_LEVEL).band;
        });
        assertThat(f).containsExactly("verify.check.counts");
    }

    @Test
    void a_changed_percentage_is_caught() {
        assertThat(failing(r -> r.rows.get(2).percentages[1] = r.rows.get(2).percentages[1].equals("50,00") ? "50,01" : "50,00"))
                .containsExactly("verify.check.results");
        // The same figure with a decimal point instead of a comma is also wrong.
        assertThat(failing(r -> r.rows.get(0).percentages[0] = r.rows.get(0).percentages[0].replace(',', '.')))
                .containsExactly("verify.check.results");
    }

    @Test
    void a_changed_band_is_caught() {
        assertThat(failing(r -> r.rows.get(3).band = r.rows.get(3).band.equals("NONE") ? "OVER_HALF" : "NONE"))
                .containsExactly("verify.check.results");
    }

    @Test
    void a_changed_title_breaks_the_manifest_hash() {
        List<RecordVerifier.Check> checks = verify(copyWith(r -> r.manifest = r.manifest.replace("năm 2026", "năm 2025")));
        assertThat(checks.stream().filter(c -> !c.holds()).map(RecordVerifier.Check::name)).containsExactly("verify.check.manifest");
        assertThat(checks.get(1).detail(RecordVerifier.bundle(Locale.ROOT))).startsWith("Mã băm tính lại ");
    }

    @Test
    void a_changed_commitment_is_caught() {
        List<String> f = failing(r -> {
            int at = r.manifest.indexOf("\"commitments\":[") + 15;
            String key = r.manifest.substring(r.manifest.indexOf("\"electionKey\":\"") + 15, r.manifest.indexOf("\"electionKey\":\"") + 81);
            int second = r.manifest.indexOf(",\"", at) + 2;
            r.manifest = r.manifest.substring(0, second) + key + r.manifest.substring(second + 66);
        });
        // C_0 = K and k of them still hold; the hash and the tellers' keys K_i do not.
        assertThat(f).containsExactly("verify.check.manifest", "verify.check.partials", "verify.check.counts");
    }

    @Test
    void a_first_commitment_other_than_the_key_is_caught() {
        List<String> f = failing(r -> {
            int at = r.manifest.indexOf("\"commitments\":[\"") + 16;
            int second = r.manifest.indexOf(",\"", at) + 2;
            String c1 = r.manifest.substring(second, second + 66);
            r.manifest = r.manifest.substring(0, at) + c1 + r.manifest.substring(at + 66);
        });
        assertThat(f).contains("verify.check.commitments");
    }

    @Test
    void a_file_that_is_not_json_is_a_failed_first_check() {
        List<RecordVerifier.Check> checks = verify("%PDF-1.7 not a record".getBytes(StandardCharsets.US_ASCII));
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).holds()).isFalse();
        assertThat(checks.get(0).detail(RecordVerifier.bundle(Locale.ENGLISH))).isEqualTo("Not valid canonical JSON (error at byte 0 of 21)");
        assertThat(verify(new byte[0]).get(0).holds()).isFalse();
        assertThat(verify("{\"format\":\"tinnhiem-election-key/1\"}".getBytes(StandardCharsets.UTF_8)).get(0)
                .detail(RecordVerifier.bundle(Locale.ROOT))).contains("tinnhiem-election-key/1");
    }

    @Test
    void a_truncated_file_is_a_failed_first_check() {
        byte[] whole = genuineJson.getBytes(StandardCharsets.UTF_8);
        for (int len : new int[] {whole.length - 1, whole.length / 2, 1}) {
            List<RecordVerifier.Check> checks = verify(Arrays.copyOf(whole, len));
            assertThat(checks).hasSize(1);
            assertThat(checks.get(0).detailKey()).isEqualTo("verify.why.truncated");
        }
    }

    @Test
    void a_malformed_field_fails_its_check_without_throwing() {
        List<RecordVerifier.Check> checks = verify(copyWith(r -> r.ballots.set(0,
                r.ballots.get(0).replaceFirst("\"id\":\"[0-9a-f]{32}\"", "\"id\":42"))));
        assertThat(checks.get(3).holds()).isFalse();
        assertThat(checks.get(3).detail(RecordVerifier.bundle(Locale.ENGLISH))).isEqualTo("Field “ballots[0].id” is missing or malformed");
        assertThat(checks.get(4).detailKey()).isEqualTo("verify.why.dependsOn");
        assertThat(checks.get(4).detail(RecordVerifier.bundle(Locale.ENGLISH))).isEqualTo(
                "Cannot be checked because “Proofs of every counted ballot” fails");
    }

    @Test
    void the_box_and_closing_figures_are_recomputed() {
        assertThat(failing(r -> r.difference = 1)).containsExactly("verify.check.box");
        assertThat(failing(r -> r.quorumMet = !r.quorumMet)).containsExactly("verify.check.box");
        assertThat(failing(r -> r.cardsUnspent++)).containsExactly("verify.check.box");
    }

    @Test
    void percentages_round_half_up_with_a_decimal_comma() {
        assertThat(ResultsStage.percentage(1, 3)).isEqualTo("33,33");
        assertThat(ResultsStage.percentage(2, 3)).isEqualTo("66,67");
        assertThat(ResultsStage.percentage(1, 8)).isEqualTo("12,50");
        assertThat(ResultsStage.percentage(1, 80000)).isEqualTo("0,00");
        assertThat(ResultsStage.percentage(1, 32)).isEqualTo("3,13"); // 3.125 rounds up
        assertThat(ResultsStage.percentage(1, 16)).isEqualTo("6,25");
        assertThat(ResultsStage.percentage(5, 5)).isEqualTo("100,00");
        assertThat(ResultsStage.band("THREE_LEVEL", 2, 3)).isEqualTo("TWO_THIRDS");
        assertThat(ResultsStage.band("THREE_LEVEL", 3, 6)).isEqualTo("NONE");
        assertThat(ResultsStage.band("THREE_LEVEL", 4, 6)).isEqualTo("TWO_THIRDS");
        assertThat(ResultsStage.band("TWO_LEVEL", 4, 6)).isEqualTo("OVER_HALF");
        assertThat(ResultsStage.band("THREE_LEVEL", 0, 0)).isEqualTo("NONE");
    }

    @Test
    void every_message_key_exists_in_both_languages() {
        var vi = RecordVerifier.bundle(Locale.ROOT);
        var en = RecordVerifier.bundle(Locale.ENGLISH);
        for (String k : vi.keySet()) {
            if (k.startsWith("verify.")) {
                assertThat(en.containsKey(k)).as(k).isTrue();
            }
        }
        for (String c : RecordVerifier.CHECKS) {
            assertThat(vi.getString(c)).isNotEqualTo(en.getString(c));
        }
    }

    // ---------------------------------------------------------------- the gaps of record-gaps.md, one case each

    private static String manifestField(String name) {
        int at = genuine.manifest.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return genuine.manifest.substring(at, genuine.manifest.indexOf('"', at));
    }

    private static byte[] qbar() {
        return Group.hex(manifestField("hash"));
    }

    private static ECPoint key() {
        return Group.point(Group.hex(manifestField("electionKey")));
    }

    private static byte[] id(int first) {
        byte[] id = new byte[16];
        RNG.nextBytes(id);
        id[0] = (byte) first;
        return id;
    }

    /** A ballot sealed by the test sealer under the genuine record's manifest, as its JSON. */
    private static String sealed(byte[] id, int[] choices, BigInteger[][] r) {
        return SealedBallot.of(TestSealer.seal(qbar(), key(), id, 3, choices, r, RNG, false)).toJson();
    }

    /** Adds a ballot's JSON to the counted list where its id sorts. */
    private static void addSorted(Records.Record r, String json) {
        String id = json.substring(7, 39);
        int at = 0;
        while (at < r.ballots.size() && r.ballots.get(at).substring(7, 39).compareTo(id) < 0) {
            at++;
        }
        r.ballots.add(at, json);
    }

    private static RecordVerifier.Check check(byte[] bytes, String name) {
        return verify(bytes).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void gap06_gap36_a_proof_with_a_zero_scalar_holds_for_the_app_and_for_verify_alike() {
        // Section 2: a zero c_0, v_0 or v_1 is an ordinary value. An honest prover may draw it (the simulated
        // branch's c and v are free), and it forges nothing: a proof holds if and only if its equations do.
        try (var d = vn.tinnhiem.crypto.Ceremony.deal(2, 3, RNG)) {
            var mf = new vn.tinnhiem.crypto.Manifest("42", "Hội nghị", List.of(new vn.tinnhiem.crypto.Manifest.Candidate("1", 1,
                    "Nguyễn Văn A", "Giám đốc"), new vn.tinnhiem.crypto.Manifest.Candidate("2", 2, "Trần Thị B", "Phó Giám đốc")),
                    BallotKind.THREE_LEVEL, "QD_96_2023", d.electionKey(), d.commitments(), 2, 3);
            var app = new vn.tinnhiem.crypto.BallotVerifier(vn.tinnhiem.crypto.ElectionContext.of(mf), RNG);
            ECPoint k = Group.point(mf.electionKey().encode());
            byte[] b = TestSealer.seal(mf.hash(), k, id(1), 3, new int[] {0, 2}, TestSealer.nonces(2, 3, RNG), RNG, true);
            int item0 = 24 + 130; // proof of (0, 0): bit 1, so c_0 = 0
            int item1 = 24 + Ballots.ITEM + 130; // proof of (0, 1): bit 0, so v_1 = 0
            assertThat(Arrays.copyOfRange(b, item0 + 260, item0 + 292)).containsOnly(0);
            assertThat(Arrays.copyOfRange(b, item1 + 324, item1 + 356)).containsOnly(0);
            assertThat(app.verify(SealedBallot.of(b)).ok()).isTrue();
            assertThat(Ballots.verify(b, mf.hash(), k, 2, 3, RNG)).isTrue();
            // The same zero where the equations need another value fails for both.
            byte[] wrong = TestSealer.seal(mf.hash(), k, id(2), 3, new int[] {0, 2}, TestSealer.nonces(2, 3, RNG), RNG, false);
            Arrays.fill(wrong, item1 + 260, item1 + 292, (byte) 0);
            assertThat(app.verify(SealedBallot.of(wrong)).ok()).isFalse();
            assertThat(Ballots.verify(wrong, mf.hash(), k, 2, 3, RNG)).isFalse();
        }
    }

    @Test
    void gap21_two_counted_ballots_with_the_same_ciphertexts_and_fresh_proofs_under_new_ids_are_caught() {
        BigInteger[][] r = TestSealer.nonces(4, 3, RNG);
        int[] choices = {0, 2, -1, 1};
        byte[] bytes = copyWith(rec -> {
            addSorted(rec, sealed(id(0x10), choices, r));
            addSorted(rec, sealed(id(0x20), choices, r));
        });
        // Both carry proofs of their own that hold: only the ciphertexts repeat.
        assertThat(check(bytes, "verify.check.ballots").holds()).isTrue();
        RecordVerifier.Check distinct = check(bytes, "verify.check.distinct");
        assertThat(distinct.holds()).isFalse();
        assertThat(distinct.detailKey()).isEqualTo("verify.why.sameContent");
    }

    @Test
    void gap21_the_apps_box_check_counts_the_same_ciphertexts_under_two_ids_once_and_names_the_other_a_copy() {
        BigInteger[][] r = TestSealer.nonces(4, 3, RNG);
        int[] choices = {2, 0, -1, 1};
        SealedBallot first = SealedBallot.of(TestSealer.seal(qbar(), key(), id(0x10), 3, choices, r, RNG, false));
        SealedBallot again = SealedBallot.of(TestSealer.seal(qbar(), key(), id(0x20), 3, choices, r, RNG, false));
        var opened = vn.tinnhiem.crypto.BallotBox.open(genuine.context, List.of(again, first), RNG, done -> {});
        assertThat(opened.setAside()).as("both carry proofs that hold").isEmpty();
        assertThat(opened.counted()).extracting(SealedBallot::id).containsExactly(first.id());
        assertThat(opened.copies()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(again.id());
            assertThat(c.copyOf()).isEqualTo(first.id());
            assertThat(c.sameId()).isFalse();
        });
    }

    @Test
    void gap22_a_copy_under_another_id_is_known_by_its_ciphertexts_alone_whatever_its_proofs() {
        BigInteger[][] r = TestSealer.nonces(4, 3, RNG);
        int[] choices = {1, 1, 0, 2};
        byte[] counted = TestSealer.seal(qbar(), key(), id(0x30), 3, choices, r, RNG, false);
        byte[] again = TestSealer.seal(qbar(), key(), id(0x40), 3, choices, r, RNG, false);
        String countedId = SealedBallot.of(counted).id();
        assertThat(check(copyWith(rec -> {
            addSorted(rec, SealedBallot.of(counted).toJson());
            rec.copies.add(Records.copyJson(SealedBallot.of(again), countedId));
        }), "verify.check.copies").holds()).isTrue();
        // Named as the copy of a counted ballot whose ciphertexts it does not repeat: caught.
        assertThat(check(copyWith(rec -> {
            addSorted(rec, SealedBallot.of(counted).toJson());
            rec.copies.add(Records.copyJson(SealedBallot.of(again), genuine.sealed.get(0).id()));
        }), "verify.check.copies").detailKey()).isEqualTo("verify.why.notACopy");
    }

    @Test
    void gap23_copies_and_set_aside_rows_carry_the_id_and_tracking_code_their_bytes_give() {
        RecordVerifier.Check copies = check(copyWith(rec -> rec.copies.set(0, rec.copies.get(0)
                .replaceFirst("\"trackingCode\":\"[^\"]*\"", "\"trackingCode\":\"COPY-COPY-COPY-COPY\""))),
                "verify.check.copies");
        assertThat(copies.holds()).isFalse();
        assertThat(copies.detail(RecordVerifier.bundle(Locale.ENGLISH))).startsWith("The tracking code of copies[0] is wrong");
        RecordVerifier.Check setAside = check(copyWith(rec -> rec.setAside.set(0, rec.setAside.get(0)
                .replaceFirst("\"trackingCode\":\"[^\"]*\"", "\"trackingCode\":\"" + genuine.sealed.get(0).trackingCode()
                        + "\""))), "verify.check.setAside");
        assertThat(setAside.detailKey()).isEqualTo("verify.why.trackingCode");
        RecordVerifier.Check id = check(copyWith(rec -> rec.setAside.set(0, rec.setAside.get(0)
                .replaceFirst("\"id\":\"[0-9a-f]{32}\"", "\"id\":\"" + genuine.sealed.get(1).id() + "\""))),
                "verify.check.setAside");
        assertThat(id.detailKey()).isEqualTo("verify.why.rowId");
    }

    @Test
    void gap24_present_above_summoned_and_cards_spent_above_activated_are_caught() {
        RecordVerifier.Check box = check(copyWith(r -> {
            r.present = r.summoned + 1;
            r.quorumMet = true;
        }), "verify.check.box");
        assertThat(box.detailKey()).isEqualTo("verify.why.atMost");
        assertThat(box.args()).startsWith("closing.present");
        assertThat(failing(r -> {
            r.cardsActivated = r.cardsSpent - 1;
            r.cardsUnspent = 0;
        })).contains("verify.check.box");
    }

    @Test
    void gap25_a_record_not_in_canonical_form_is_refused_before_anything_else() {
        String g = genuineJson;
        List<String> variants = List.of(
                g.replaceFirst(":", ": "), // whitespace
                g + "\n", // a trailing newline
                g.replace("\"body\":\"Đảng ủy Khối\",\"place\":\"Hội trường A\"",
                        "\"place\":\"Hội trường A\",\"body\":\"Đảng ủy Khối\""), // key order
                g.replace("\"box\":{", "\"box\":{\"note\":\"x\","), // an extra member
                g.replace("Đảng ủy Khối", Normalizer.normalize("Đảng ủy Khối", Normalizer.Form.NFD)), // NFD
                g.replace("Hội trường A", "Hội trường \\u0041"), // an escape the writer never writes
                g.replace("Hội trường A", "Hội trường\\/A"),
                g.replace("Hội trường A", "Hội trường\\u001FA")); // upper-case hex
        for (String v : variants) {
            assertThat(v).isNotEqualTo(g);
            List<RecordVerifier.Check> checks = verify(v.getBytes(StandardCharsets.UTF_8));
            assertThat(checks).as(v.substring(0, 80)).hasSize(1);
            assertThat(checks.get(0).holds()).isFalse();
        }
        // The writer's own escapes and a raw DEL and U+2028 are canonical.
        assertThat(failing(r -> r.conference = "{\"body\":\"Đảng ủy \\\"Khối\\\" \\\\ \\t\\u0001\u007f\u2028\",\"place\":\"A\","
                + "\"startsAt\":\"2026-12-01T08:00\"}")).isEmpty();
    }

    @Test
    void gap26_a_point_of_the_record_outside_a_ballot_in_its_65_byte_form_is_refused() {
        String compressed = manifestField("electionKey");
        String uncompressed = Group.hex(key().getEncoded(false));
        RecordVerifier.Check manifest = check(copyWith(r -> r.manifest = r.manifest.replace("\"electionKey\":\"" + compressed,
                "\"electionKey\":\"" + uncompressed)), "verify.check.manifest");
        assertThat(manifest.holds()).isFalse();
        assertThat(manifest.args()).containsExactly("manifest.electionKey");
    }

    @Test
    void gap27_the_members_of_a_ballot_are_in_their_order() {
        List<RecordVerifier.Check> checks = verify(copyWith(r -> r.ballots.set(3,
                r.ballots.get(3).replaceFirst("\\{\"a0\":(\"[0-9a-f]+\"),\"b0\":(\"[0-9a-f]+\")", "{\"b0\":$2,\"a0\":$1"))));
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).detailKey()).isEqualTo("verify.why.members");
        assertThat(checks.get(0).args().get(1)).isEqualTo("a0, b0, a1, b1, c0, v0, v1");
    }

    @Test
    void gap28_the_conference_block_has_its_form() {
        RecordVerifier.Check box = check(copyWith(r -> r.conference = r.conference.replace("2026-12-01T08:00",
                "2026-12-01 08:00")), "verify.check.box");
        assertThat(box.args()).containsExactly("conference.startsAt");
        assertThat(check(copyWith(r -> r.conference = r.conference.replace("2026-12-01T08:00", "2026-02-30T08:00")),
                "verify.check.box").holds()).isFalse();
        assertThat(check(copyWith(r -> r.conference = r.conference.replace("Hội trường A", "")), "verify.check.box")
                .args()).containsExactly("conference.place");
    }

    @Test
    void gap29_a_rule_set_without_a_documented_denominator_is_refused() {
        var r = Records.genuine(2, BallotKind.THREE_LEVEL, "QD_99_2030", 2, 3, 2, false, RNG);
        RecordVerifier.Check results = check(r.bytes(), "verify.check.results");
        assertThat(results.holds()).isFalse();
        assertThat(results.args()).containsExactly("results.ruleSet");
    }

    @Test
    void gap31_with_a_wrong_stated_manifest_hash_the_later_checks_use_the_stated_one() {
        String stated = manifestField("hash");
        String other = (stated.charAt(0) == '0' ? "1" : "0") + stated.substring(1);
        List<String> f = failing(r -> r.manifest = r.manifest.replace(stated, other));
        // Every proof hashes Q̄: with the stated (wrong) one, the ballots' and the partials' proofs fail too.
        assertThat(f).contains("verify.check.manifest", "verify.check.ballots", "verify.check.partials");
    }

    @Test
    void gap32_integers_beyond_2_to_the_53_are_refused() {
        String two53 = BigInteger.TWO.pow(53).toString();
        String max = BigInteger.TWO.pow(53).subtract(BigInteger.ONE).toString();
        String voided = "\"cardsVoided\":" + genuine.cardsVoided;
        assertThat(verify(genuineJson.replace(voided, "\"cardsVoided\":" + two53).getBytes(StandardCharsets.UTF_8)))
                .hasSize(1);
        assertThat(verify(genuineJson.replace(voided, "\"cardsVoided\":" + BigInteger.TWO.pow(70))
                .getBytes(StandardCharsets.UTF_8))).hasSize(1);
        // 2^53 - 1 is read (and is a figure like any other).
        assertThat(failing(genuineJson.replace(voided, "\"cardsVoided\":" + max).getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void gap34_set_aside_reasons_are_a_non_empty_array_of_non_empty_strings() {
        for (String reasons : List.of("[]", "[1]", "[\"\"]", "[\"BINDING\",null]")) {
            RecordVerifier.Check s = check(copyWith(r -> r.setAside.set(0, r.setAside.get(0)
                    .replaceFirst("\"reasons\":\\[.*\\]", "\"reasons\":" + java.util.regex.Matcher.quoteReplacement(reasons)))),
                    "verify.check.setAside");
            assertThat(s.holds()).as(reasons).isFalse();
            assertThat(s.detailKey()).isEqualTo("verify.why.field");
        }
    }

    @Test
    void gap35_a_nonce_used_twice_among_the_counted_ballots_is_caught() {
        BigInteger[][] r1 = TestSealer.nonces(4, 3, RNG);
        BigInteger[][] r2 = TestSealer.nonces(4, 3, RNG);
        r2[1][2] = r1[1][2];
        byte[] bytes = copyWith(rec -> {
            addSorted(rec, sealed(id(0x50), new int[] {0, 1, 2, 0}, r1));
            addSorted(rec, sealed(id(0x60), new int[] {2, 2, 1, -1}, r2));
        });
        assertThat(check(bytes, "verify.check.ballots").holds()).isTrue();
        RecordVerifier.Check distinct = check(bytes, "verify.check.distinct");
        assertThat(distinct.detailKey()).isEqualTo("verify.why.sameNonce");
        assertThat(distinct.args()).element(1).isEqualTo("2");
        assertThat(distinct.args()).element(2).isEqualTo("3");
        // Twice in one ballot is the same fault.
        BigInteger[][] r3 = TestSealer.nonces(4, 3, RNG);
        r3[3][0] = r3[0][1];
        assertThat(check(copyWith(rec -> addSorted(rec, sealed(id(0x70), new int[] {0, 0, 0, 0}, r3))),
                "verify.check.distinct").detailKey()).isEqualTo("verify.why.sameNonce");
    }

    @Test
    void gap37_a_lone_surrogate_minus_zero_and_an_escaped_key_are_refused() {
        String voided = "\"cardsVoided\":" + genuine.cardsVoided;
        for (String v : List.of(
                genuineJson.replace("Hội trường A", "Hội trường \\ud800"),
                genuineJson.replace("Hội trường A", "Hội trường \\ud83d\\ude00"),
                genuineJson.replace(voided, "\"cardsVoided\":-0"),
                genuineJson.replace(voided, "\"cardsVoided\":01"),
                genuineJson.replace("\"box\":", "\"\\u0062ox\":"))) {
            assertThat(v).isNotEqualTo(genuineJson);
            List<RecordVerifier.Check> checks = verify(v.getBytes(StandardCharsets.UTF_8));
            assertThat(checks).hasSize(1);
            assertThat(checks.get(0).detailKey()).isEqualTo("verify.why.notJson");
        }
    }

    @Test
    void gap38_a_row_removed_with_the_stored_figure_lowered_changes_the_digest_an_auditor_compares() throws Exception {
        RecordVerifier.Check whole = check(genuineJson.getBytes(StandardCharsets.UTF_8), "verify.check.box");
        List<String> codes = new java.util.ArrayList<>();
        genuine.sealed.forEach(b -> codes.add(b.trackingCode()));
        for (String row : genuine.copies) {
            codes.add(row.replaceFirst(".*\"trackingCode\":\"([^\"]*)\".*", "$1"));
        }
        for (String row : genuine.setAside) {
            codes.add(row.replaceFirst(".*\"trackingCode\":\"([^\"]*)\".*", "$1"));
        }
        java.util.Collections.sort(codes);
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(String.join("\n", codes).getBytes(StandardCharsets.UTF_8)));
        assertThat(whole.args().get(4)).isEqualTo(digest);
        byte[] removed = copyWith(r -> {
            r.setAside.clear();
            r.stored--;
        });
        // Every check holds (only the close's audit entry fixes how many rows there were)...
        assertThat(failing(removed)).isEmpty();
        // ...but the digest the verifier states is no longer the one the close fixed.
        assertThat(check(removed, "verify.check.box").args().get(4)).isNotEqualTo(digest);
        // With the close's audit entry named, the verifier states it for the comparison.
        RecordVerifier.Check audited = check(copyWith(r -> {
            r.auditSeq = 41L;
            r.auditHash = "ab".repeat(32);
        }), "verify.check.box");
        assertThat(audited.holds()).isTrue();
        assertThat(audited.detailKey()).isEqualTo("verify.ok.boxAudited");
        assertThat(audited.args()).endsWith("41", "ab".repeat(32));
        assertThat(verify(copyWith(r -> {
            r.auditSeq = 41L;
            r.auditHash = "AB".repeat(32);
        })).stream().filter(c -> !c.holds()).map(RecordVerifier.Check::name)).containsExactly("verify.check.box");
    }

    private static byte[] copyWith(Consumer<Records.Record> tamper) {
        Records.Record r = copy();
        tamper.accept(r);
        return r.bytes();
    }
}
