package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.count.EncryptedTotalsFileTests.refusal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.tinnhiem.crypto.Ceremony;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.SeededRandom;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.files.FileResult;
import vn.tinnhiem.shared.i18n.Languages;

/** The partial decryption file (docs/protocol.md 10.1): accepted only for this conference, key and totals, with good proofs. */
class PartialDecryptionFileTests {

    private static final SecureRandom RNG = new SeededRandom("partial-file");
    private static OfflineFixtures.Conference conference;
    private static PartialDecryption seat1;
    private static String json;

    @BeforeAll
    static void decryptAsSeatOne() {
        conference = OfflineFixtures.conference("42", 2, 3, 11, RNG);
        seat1 = Decryption.partial(conference.ctx(), conference.tally(), conference.dealing().shares().get(0), RNG);
        json = new String(PartialDecryptionFile.write(conference.totals(), seat1), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void forgetTheKey() {
        conference.dealing().close();
    }

    private static FileResult<PartialDecryption> read(String text) {
        return PartialDecryptionFile.read(text.getBytes(StandardCharsets.UTF_8), ElectionId.of(42), conference.manifest(),
                conference.tally());
    }

    private static FileResult.Refused<?> refused(FileResult<?> result) {
        refusal(result);
        return (FileResult.Refused<?>) result;
    }

    @Test
    void a_good_file_is_canonical_and_reads_back_to_a_partial_that_combines_to_the_counts_cast() {
        assertThat(json).isEqualTo("{\"format\":\"tinnhiem-partial-decryption/1\",\"electionId\":\"42\",\"manifestHash\":\""
                + conference.manifest().hashHex() + "\",\"tallyHash\":\"" + EncryptedTotalsFile.tallyHashHex(conference.tally())
                + "\",\"partial\":" + seat1.toJson() + "}");
        assertThat(json).contains("\"partial\":{\"teller\":1,\"entries\":[{\"share\":\"0");
        assertThat(PartialDecryptionFile.write("42", conference.manifest().hash(),
                EncryptedTotalsFile.tallyHash(conference.tally()), seat1)).isEqualTo(json.getBytes(StandardCharsets.UTF_8));

        var result = read(json);
        assertThat(result).isInstanceOf(FileResult.Ok.class);
        PartialDecryption read = ((FileResult.Ok<PartialDecryption>) result).value();
        assertThat(read.encode()).isEqualTo(seat1.encode());

        PartialDecryption seat3 = Decryption.partial(conference.ctx(), conference.tally(),
                conference.dealing().shares().get(2), RNG);
        var outcome = Decryption.combine(conference.ctx(), conference.tally(), List.of(read, seat3));
        assertThat(outcome).isInstanceOf(Decryption.Decrypted.class);
        assertThat(conference.matches(((Decryption.Decrypted) outcome).counts())).isTrue();
        assertThat(PartialDecryptionFile.fileName("42", 3)).isEqualTo("tinnhiem-partial-decryption-42-seat3.json");
    }

    @Test
    void something_that_is_not_a_partial_decryption_file_is_refused_as_such() {
        assertThat(refusal(read("{\"teller\":1"))).isEqualTo("count.file.notJson");
        assertThat(refusal(read(""))).isEqualTo("count.file.notJson");
        assertThat(refusal(PartialDecryptionFile.read(new byte[CountFiles.MAX_BYTES + 1], ElectionId.of(42), conference.manifest(),
                conference.tally()))).isEqualTo("count.file.tooLarge");
        assertThat(refusal(read(new String(conference.totals().toJsonBytes(), StandardCharsets.UTF_8))))
                .isEqualTo("count.file.notPartial");
        assertThat(refusal(read(json.replace("\"format\":\"tinnhiem-partial-decryption/1\",", ""))))
                .isEqualTo("count.file.notPartial");
        assertThat(refusal(read(json.replace("\"electionId\":\"42\"", "\"electionId\":42"))))
                .isEqualTo("count.file.badField");
        assertThat(refusal(read(json.replace("\"teller\":1", "\"teller\":\"1\"")))).isEqualTo("count.file.badField");
    }

    @Test
    void a_file_of_another_conference_is_refused() {
        var refused = refused(PartialDecryptionFile.read(json.getBytes(StandardCharsets.UTF_8), ElectionId.of(43),
                OfflineFixtures.manifest("43", conference.manifest().electionKey(), conference.manifest().commitments(), 2,
                        3),
                conference.tally()));
        assertThat(refused.reasonKey()).isEqualTo("count.file.otherConference");
        assertThat(refused.message(Languages.VIETNAMESE)).isEqualTo("Tệp thuộc hội nghị khác (mã hội nghị 42, cần 43).");
        assertThat(refusal(read(json.replace("\"electionId\":\"42\"", "\"electionId\":\"420\""))))
                .isEqualTo("count.file.otherConference");
    }

    @Test
    void a_file_made_before_the_key_was_made_again_is_refused() {
        try (Ceremony.Dealing again = Ceremony.deal(2, 3, RNG)) {
            Manifest remade = OfflineFixtures.manifest("42", again.electionKey(), again.commitments(), 2, 3);
            var refused = refused(PartialDecryptionFile.read(json.getBytes(StandardCharsets.UTF_8), ElectionId.of(42), remade,
                    conference.tally()));
            assertThat(refused.reasonKey()).isEqualTo("count.file.otherManifest");
            assertThat(refused.message(Languages.VIETNAMESE)).contains("khóa đã được lập lại");
        }
    }

    @Test
    void a_file_for_totals_the_server_no_longer_holds_is_refused() {
        // The box checked again: one ballot fewer counted, other totals.
        EncryptedTally rechecked = EncryptedTally.aggregate(conference.ctx(),
                conference.ballots().subList(1, conference.ballots().size()), false);
        var refused = refused(PartialDecryptionFile.read(json.getBytes(StandardCharsets.UTF_8), ElectionId.of(42),
                conference.manifest(), rechecked));
        assertThat(refused.reasonKey()).isEqualTo("count.file.otherTotals");
        assertThat(refused.message(Languages.VIETNAMESE)).contains("hòm phiếu đã được kiểm tra lại");
        assertThat(refusal(read(json.replace(EncryptedTotalsFile.tallyHashHex(conference.tally()), "ab".repeat(32)))))
                .isEqualTo("count.file.otherTotals");
    }

    @Test
    void a_seat_not_on_the_board_is_an_unknown_teller() {
        for (int seat : new int[] {0, 4, 255, 256, -1}) {
            var refused = refused(read(json.replace("\"teller\":1,", "\"teller\":" + seat + ",")));
            assertThat(refused.reasonKey()).as("seat %d", seat).isEqualTo("count.file.UNKNOWN_TELLER");
            assertThat(refused.args().get(0)).isEqualTo(seat);
        }
    }

    @Test
    void a_partial_with_another_number_of_entries_has_the_wrong_shape() {
        String firstEntry = json.substring(json.indexOf("{\"share\""), json.indexOf("},{\"share\"") + 1);
        assertThat(refusal(read(json.replace(firstEntry + ",", "")))).isEqualTo("count.file.WRONG_SHAPE");
        assertThat(refusal(read(json.replace(firstEntry, firstEntry + "," + firstEntry)))).isEqualTo("count.file.WRONG_SHAPE");
        assertThat(refusal(read(json.replace(json.substring(json.indexOf("\"entries\":[") + 11, json.length() - 3), ""))))
                .isEqualTo("count.file.WRONG_SHAPE");
    }

    @Test
    void entries_that_are_no_point_or_no_scalar_below_q_are_named_as_bad_encoding() {
        String share2 = seat1.shares().get(2).toHex();
        String challenge5 = seat1.challenges().get(5).toHex();
        String response7 = seat1.responses().get(7).toHex();
        var refused = refused(read(json.replace(share2, "02" + "ff".repeat(32))
                .replace(challenge5, "ff".repeat(32)).replace(response7, response7.toUpperCase())));
        assertThat(refused.reasonKey()).isEqualTo("count.file.BAD_ENCODING");
        assertThat(refused.args()).containsExactly(1, "2, 5, 7", 3);
        assertThat(refused.message(Languages.VIETNAMESE))
                .isEqualTo("Phần giải mã có 3 mục sai dạng (mục 2, 5, 7): tệp bị hỏng hoặc bị sửa.");
        // The uncompressed form of a good point is not the form of this slot (docs/protocol.md 2).
        String uncompressed = java.util.HexFormat.of().formatHex(seat1.shares().get(2).encodeUncompressed());
        assertThat(refused(read(json.replace(share2, uncompressed))).args()).containsExactly(1, "2", 1);
    }

    @Test
    void a_proof_that_fails_is_named_with_its_entries() {
        // Entry 4's response changed to another scalar below q.
        String response4 = seat1.responses().get(4).toHex();
        String other = seat1.responses().get(3).toHex();
        var refused = refused(read(json.replace(response4, other)));
        assertThat(refused.reasonKey()).isEqualTo("count.file.WRONG_PROOF");
        assertThat(refused.args()).containsExactly(1, "4", 1);

        // Seat 2's partial relabelled as seat 1: every proof fails against seat 1's public share.
        PartialDecryption seat2 = Decryption.partial(conference.ctx(), conference.tally(),
                conference.dealing().shares().get(1), RNG);
        String relabelled = new String(PartialDecryptionFile.write(conference.totals(), seat2), StandardCharsets.UTF_8)
                .replace("\"teller\":2,", "\"teller\":1,");
        var wrongSeat = refused(read(relabelled));
        assertThat(wrongSeat.reasonKey()).isEqualTo("count.file.WRONG_PROOF");
        assertThat(wrongSeat.args()).containsExactly(1, "0, 1, 2, 3, 4, 5, 6, 7, 8", 9);
        assertThat(wrongSeat.message(Languages.VIETNAMESE)).endsWith("không làm bằng thẻ của ghế số 1.");
        assertThat(wrongSeat.message(Languages.ENGLISH)).endsWith("was not made with the card of seat 1.");
    }

    @Test
    void every_reason_of_the_crypto_core_about_one_partial_reads_in_both_languages() {
        for (Decryption.Reason r : List.of(Decryption.Reason.UNKNOWN_TELLER, Decryption.Reason.DUPLICATE_TELLER,
                Decryption.Reason.WRONG_SHAPE, Decryption.Reason.BAD_ENCODING, Decryption.Reason.WRONG_PROOF)) {
            refusal(new FileResult.Refused<>("count.file." + r.name(), 2, "3, 4", 2));
        }
        for (String key : List.of("count.file.otherConference", "count.file.otherManifest", "count.file.otherTotals",
                "count.file.notPartial")) {
            refusal(new FileResult.Refused<>(key, "42", "43"));
        }
    }
}
