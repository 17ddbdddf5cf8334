package vn.tinnhiem.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.internal.Nonces;

/**
 * The checked ballots of an election record (docs/protocol.md 5.6, 10.2 "checked"): the verifier computes every
 * ciphertext of each again from its revealed choices and nonces, and names the check {@code checked} with the
 * reason when one does not open, when its listed choices are not the opening's, when it is a counted ballot, or
 * when the list is out of order.
 */
class CheckedBallotRecordTests {

    private static final SecureRandom RNG = new SecureRandom();
    private static Records.Record genuine;
    /** Three checked ballots sorted by id: choices, sealed ballot and opening. */
    private static List<CheckedBallots.Opened> opened;
    private static List<int[]> choices;

    @BeforeAll
    static void build() {
        genuine = Records.genuine(3, BallotKind.THREE_LEVEL, "QD_96_2023", 2, 3, 6, true, RNG);
        List<int[]> all = List.of(new int[] {0, 1, 2}, new int[] {2, -1, 0}, new int[] {-1, -1, 1});
        List<Object[]> pairs = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            int[] c = all.get(i);
            String seed = "checked " + i + " " + RNG.nextLong();
            pairs.add(new Object[] {c, Nonces.reproducibly(() -> CheckedBallots.seal(genuine.context, seed, c))});
        }
        pairs.sort(Comparator.comparing(p -> ((CheckedBallots.Opened) p[1]).sealed().id()));
        opened = pairs.stream().map(p -> (CheckedBallots.Opened) p[1]).toList();
        choices = pairs.stream().map(p -> (int[]) p[0]).toList();
    }

    private static List<String> names(int[] c) {
        List<String> levels = BallotKind.THREE_LEVEL.levels();
        List<String> out = new ArrayList<>();
        for (int x : c) {
            out.add(x < 0 ? null : levels.get(x));
        }
        return out;
    }

    private static List<String> rows() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < opened.size(); i++) {
            out.add(Records.checkedJson(opened.get(i).sealed(), opened.get(i).opening(), names(choices.get(i))));
        }
        return out;
    }

    private static RecordVerifier.Check checked(List<String> rows) {
        genuine.checked = rows;
        try {
            List<RecordVerifier.Check> all = new RecordVerifier().verify(genuine.bytes());
            assertThat(all.stream().filter(c -> !c.holds() && !c.name().equals("verify.check.checked")))
                    .as("only the checked ballots' check may fail").isEmpty();
            return all.get(RecordVerifier.CHECKS.indexOf("verify.check.checked"));
        } finally {
            genuine.checked = null;
        }
    }

    @Test
    void checked_ballots_that_open_pass_and_are_counted_in_words() {
        RecordVerifier.Check c = checked(rows());
        assertThat(c.holds()).as(c.detailKey() + " " + c.args()).isTrue();
        assertThat(c.detail(RecordVerifier.bundle(Locale.ROOT))).startsWith("3 phiếu kiểm tra máy, phiếu nào cũng mở đúng");
        assertThat(c.detail(RecordVerifier.bundle(Locale.ENGLISH))).startsWith("3 checked ballots, each opens");
        assertThat(checked(List.of()).args()).containsExactly("0");
    }

    @Test
    void the_openings_are_the_ones_the_core_sealer_reveals_and_the_core_opens() {
        for (int i = 0; i < opened.size(); i++) {
            var result = vn.tinnhiem.crypto.BallotOpening.open(genuine.context, opened.get(i).sealed(),
                    opened.get(i).opening());
            assertThat(result).isInstanceOf(vn.tinnhiem.crypto.BallotOpening.Opened.class);
            assertThat(((vn.tinnhiem.crypto.BallotOpening.Opened) result).choices()).containsExactly(choices.get(i));
        }
        // Rebuilt from the seed through 5.5 (this test's helper) or revealed by the core's sealer: the same bytes.
        int[] c = {1, -1, 2};
        var ours = Nonces.reproducibly(() -> CheckedBallots.seal(genuine.context, "same seed", c));
        var core = Nonces.reproducibly(() -> new vn.tinnhiem.crypto.BallotSealer(genuine.context,
                new vn.tinnhiem.crypto.SeededRandom("same seed")).sealOpenable(c.clone()));
        assertThat(core.ballot().encode()).isEqualTo(ours.sealed().encode());
        assertThat(core.opening()).isEqualTo(ours.opening());
    }

    @Test
    void a_record_written_before_checked_ballots_reads_and_says_so() {
        List<RecordVerifier.Check> all = new RecordVerifier().verify(genuine.bytes());
        assertThat(all).allSatisfy(c -> assertThat(c.holds()).isTrue());
        assertThat(all.getLast().detail(RecordVerifier.bundle(Locale.ENGLISH)))
                .isEqualTo("The record has no list of checked ballots (written before tablets could be checked)");
    }

    @Test
    void an_opening_whose_nonce_does_not_give_the_ciphertext_fails() {
        List<String> rows = rows();
        byte[] opening = opened.get(1).opening().clone();
        opening[24 + 3 + 32 * 4 + 31] ^= 1; // candidate 2, level 2
        rows.set(1, Records.checkedJson(opened.get(1).sealed(), opening, names(choices.get(1))));
        RecordVerifier.Check c = checked(rows);
        assertThat(c.holds()).isFalse();
        assertThat(c.detailKey()).isEqualTo("verify.why.openingCiphertext");
        assertThat(c.args()).containsExactly(opened.get(1).sealed().trackingCode(), "2", "2");
    }

    @Test
    void an_opening_that_claims_another_choice_fails_at_the_ciphertexts() {
        // A tablet that sealed LOW for candidate 1 and shows HIGH: the choice byte changed, the nonces kept.
        int at = 0;
        while (choices.get(at)[0] < 0) {
            at++;
        }
        int[] claimed = choices.get(at).clone();
        claimed[0] = (claimed[0] + 1) % 3;
        byte[] opening = opened.get(at).opening().clone();
        opening[24] = (byte) claimed[0];
        List<String> rows = rows();
        rows.set(at, Records.checkedJson(opened.get(at).sealed(), opening, names(claimed)));
        RecordVerifier.Check c = checked(rows);
        assertThat(c.detailKey()).isEqualTo("verify.why.openingCiphertext");
        assertThat(c.args()).startsWith(opened.get(at).sealed().trackingCode(), "1");
    }

    @Test
    void listed_choices_that_are_not_the_openings_fail() {
        List<String> rows = rows();
        int[] listed = choices.get(2).clone();
        listed[1] = listed[1] < 0 ? 0 : -1;
        rows.set(2, Records.checkedJson(opened.get(2).sealed(), opened.get(2).opening(), names(listed)));
        RecordVerifier.Check c = checked(rows);
        assertThat(c.detailKey()).isEqualTo("verify.why.checkedChoices");
        assertThat(c.args().subList(0, 2)).containsExactly(opened.get(2).sealed().trackingCode(), "2");
    }

    @Test
    void an_opening_of_another_ballot_or_of_another_shape_fails() {
        List<String> rows = rows();
        rows.set(0, Records.checkedJson(opened.get(0).sealed(), opened.get(1).opening(), names(choices.get(1))));
        assertThat(checked(rows).detailKey()).isEqualTo("verify.why.openingHeader");
        rows = rows();
        byte[] shorter = java.util.Arrays.copyOf(opened.get(0).opening(), opened.get(0).opening().length - 32);
        rows.set(0, Records.checkedJson(opened.get(0).sealed(), shorter, names(choices.get(0))));
        assertThat(checked(rows).detailKey()).isEqualTo("verify.why.openingShape");
        rows = rows();
        byte[] zero = opened.get(0).opening().clone();
        java.util.Arrays.fill(zero, 24 + 3, 24 + 3 + 32, (byte) 0);
        rows.set(0, Records.checkedJson(opened.get(0).sealed(), zero, names(choices.get(0))));
        assertThat(checked(rows).detailKey()).isEqualTo("verify.why.openingNonce");
    }

    @Test
    void a_checked_ballot_that_is_a_counted_ballot_fails() {
        // A counted ballot listed as checked too: the same id (and a vote both counted and opened).
        List<String> rows = rows();
        var counted = genuine.sealed.getFirst();
        rows.add(0, Records.checkedJson(counted, opened.get(0).opening(), names(choices.get(0))));
        rows.sort(Comparator.comparing(r -> r.substring(7, 39)));
        RecordVerifier.Check c = checked(rows);
        assertThat(c.detailKey()).isEqualTo("verify.why.checkedCounted");
        assertThat(c.args()).containsExactly(counted.trackingCode(), counted.id());
    }

    @Test
    void checked_ballots_out_of_order_or_twice_fail() {
        List<String> rows = rows();
        java.util.Collections.reverse(rows);
        assertThat(checked(rows).detailKey()).isEqualTo("verify.why.checkedNotSorted");
        rows = rows();
        rows.add(1, rows.get(0));
        assertThat(checked(rows).detailKey()).isEqualTo("verify.why.checkedSameId");
    }

    @Test
    void a_checked_ballot_whose_proofs_fail_or_whose_name_is_not_its_bytes_fails() {
        List<String> rows = rows();
        byte[] b = opened.get(0).sealed().encode();
        b[24 + 390 + 31] ^= 1; // a bit proof's c_0
        var changed = vn.tinnhiem.crypto.SealedBallot.of(b);
        rows.set(0, Records.checkedJson(changed, opened.get(0).opening(), names(choices.get(0))));
        assertThat(checked(rows).detailKey()).isEqualTo("verify.why.checkedProofs");
        rows = rows();
        rows.set(0, rows.get(0).replace(opened.get(0).sealed().trackingCode(), opened.get(1).sealed().trackingCode()));
        assertThat(checked(rows).detailKey()).isEqualTo("verify.why.trackingCode");
    }

    @Test
    void a_checked_row_with_a_member_more_is_not_a_record() {
        List<String> rows = rows();
        rows.set(0, rows.get(0).replace(",\"choices\":", ",\"kiosk\":\"A\",\"choices\":"));
        genuine.checked = rows;
        try {
            List<RecordVerifier.Check> all = new RecordVerifier().verify(genuine.bytes());
            assertThat(all).hasSize(1);
            assertThat(all.getFirst().detailKey()).isEqualTo("verify.why.members");
        } finally {
            genuine.checked = null;
        }
    }
}
