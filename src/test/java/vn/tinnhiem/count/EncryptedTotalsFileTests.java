package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.EncryptedTally;
import vn.tinnhiem.crypto.SeededRandom;
import vn.tinnhiem.shared.files.FileResult;
import vn.tinnhiem.shared.i18n.Languages;

/** The encrypted totals file (docs/protocol.md 10.1): written canonically, read back, and each refusal named. */
class EncryptedTotalsFileTests {

    private static OfflineFixtures.Conference conference;
    private static String json;

    @BeforeAll
    static void castBallots() {
        conference = OfflineFixtures.conference("42", 2, 3, 9, new SeededRandom("totals-file"));
        json = new String(EncryptedTotalsFile.write(conference.manifest(), conference.tally()), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void forgetTheKey() {
        conference.dealing().close();
    }

    private static FileResult<EncryptedTotalsFile> read(String text) {
        return EncryptedTotalsFile.read(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The refusal's key, with its message checked to exist in Vietnamese and in English. */
    static String refusal(FileResult<?> result) {
        assertThat(result).isInstanceOf(FileResult.Refused.class);
        var refused = (FileResult.Refused<?>) result;
        assertThat(refused.message(Languages.VIETNAMESE)).doesNotStartWith("!");
        assertThat(refused.message(Languages.ENGLISH)).doesNotStartWith("!")
                .isNotEqualTo(refused.message(Languages.VIETNAMESE));
        return refused.reasonKey();
    }

    @Test
    void the_file_is_canonical_json_and_reads_back_to_the_same_manifest_and_totals() {
        assertThat(json).startsWith("{\"format\":\"tinnhiem-encrypted-totals/1\",\"manifest\":{\"electionId\":\"42\","
                + "\"title\":\"Hội nghị lấy phiếu tín nhiệm giữa nhiệm kỳ 2026\",\"kind\":\"THREE_LEVEL\"")
                .contains(",\"tally\":{\"ballots\":9,\"entries\":[{\"alpha\":\"0")
                .endsWith("\"tallyHash\":\"" + EncryptedTotalsFile.tallyHashHex(conference.tally()) + "\"}")
                .doesNotContain("\n", "\": ", ", \"");
        assertThat(json).contains(conference.manifest().toJson(), conference.tally().toJson());

        var result = read(json);
        assertThat(result).isInstanceOf(FileResult.Ok.class);
        EncryptedTotalsFile file = ((FileResult.Ok<EncryptedTotalsFile>) result).value();
        assertThat(file.manifest()).isEqualTo(conference.manifest());
        assertThat(file.manifest().hashHex()).isEqualTo(conference.manifest().hashHex());
        assertThat(file.tally()).isEqualTo(conference.tally());
        assertThat(file.tallyHashHex()).isEqualTo(HexFormat.of().formatHex(sha256(conference.tally().encode())));
        assertThat(new String(file.toJsonBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(EncryptedTotalsFile.fileName("42")).isEqualTo("tinnhiem-encrypted-totals-42.json");
    }

    @Test
    void something_that_is_not_json_is_refused_as_such() {
        assertThat(refusal(read("this is not JSON"))).isEqualTo("count.file.notJson");
        assertThat(refusal(read(json.substring(0, json.length() / 2)))).isEqualTo("count.file.notJson");
        assertThat(refusal(read(json + json))).isEqualTo("count.file.notJson");
        assertThat(refusal(read("[1,2,3]"))).isEqualTo("count.file.notJson");
        assertThat(refusal(EncryptedTotalsFile.read(new byte[CountFiles.MAX_BYTES + 1])))
                .isEqualTo("count.file.tooLarge");
    }

    @Test
    void another_kind_of_file_is_refused_as_the_wrong_format() {
        assertThat(refusal(read(json.replace("tinnhiem-encrypted-totals/1", "tinnhiem-encrypted-totals/2"))))
                .isEqualTo("count.file.notTotals");
        assertThat(refusal(read("{\"format\":\"tinnhiem-election-key/1\",\"electionId\":\"42\"}")))
                .isEqualTo("count.file.notTotals");
        assertThat(refusal(read("{\"manifest\":{}}"))).isEqualTo("count.file.notTotals");
    }

    @Test
    void a_manifest_whose_fields_do_not_have_its_hash_is_refused() {
        // A name changed, the hash left as it was.
        assertThat(refusal(read(json.replace("Hoàng Minh Đức", "Hoàng Minh Đực")))).isEqualTo("count.file.manifestHash");
        // The candidates' order swapped (ids and names moved together).
        String swapped = json.replace("\"id\":\"7\"", "\"id\":\"X\"").replace("\"id\":\"8\"", "\"id\":\"7\"")
                .replace("\"id\":\"X\"", "\"id\":\"8\"");
        assertThat(refusal(read(swapped))).isEqualTo("count.file.manifestHash");
        // The hash changed, the fields left as they were.
        String hash = conference.manifest().hashHex();
        String other = (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1);
        assertThat(refusal(read(json.replace(hash, other)))).isEqualTo("count.file.manifestHash");
        // The same name written with decomposed diacritics is the same manifest (hashed as NFC).
        String decomposed = java.text.Normalizer.normalize("Hoàng Minh Đức", java.text.Normalizer.Form.NFD);
        assertThat(read(json.replace("Hoàng Minh Đức", decomposed))).isInstanceOf(FileResult.Ok.class);
    }

    @Test
    void a_manifest_that_is_no_manifest_is_refused() {
        assertThat(refusal(read(json.replace("\"k\":2,\"n\":3", "\"k\":4,\"n\":3")))).isEqualTo("count.file.badManifest");
        assertThat(refusal(read(json.replace("\"order\":2", "\"order\":5")))).isEqualTo("count.file.badManifest");
        String key = conference.manifest().electionKey().toHex();
        // Only the key, not the first commitment that repeats it: C_0 = K no longer holds.
        String otherKey = conference.manifest().commitments().get(1).toHex();
        assertThat(refusal(read(json.replace("\"electionKey\":\"" + key, "\"electionKey\":\"" + otherKey))))
                .isEqualTo("count.file.badManifest");
        assertThat(refusal(read(json.replace("\"electionKey\":\"" + key, "\"electionKey\":\"02" + "ff".repeat(32)))))
                .isEqualTo("count.file.badManifest");
        assertThat(refusal(read(json.replace("\"kind\":\"THREE_LEVEL\"", "\"kind\":\"FOUR_LEVEL\""))))
                .isEqualTo("count.file.badField");
        var extra = (FileResult.Refused<?>) read(json.replace("\"ruleSet\":", "\"place\":\"Hội trường\",\"ruleSet\":"));
        assertThat(extra.reasonKey()).isEqualTo("count.file.badField");
        assertThat(extra.args()).containsExactly("manifest.place");
    }

    @Test
    void totals_that_do_not_fit_the_manifest_are_refused() {
        String first = "{\"alpha\":\"" + conference.tally().entries().get(0).alpha().toHex() + "\",\"beta\":\""
                + conference.tally().entries().get(0).beta().toHex() + "\"}";
        var missing = (FileResult.Refused<?>) read(json.replace(first + ",", ""));
        assertThat(missing.reasonKey()).isEqualTo("count.file.tallyShape");
        assertThat(missing.args()).containsExactly(9, 3, 3, 8, 9);
        assertThat(missing.message(Languages.VIETNAMESE))
                .isEqualTo("Phần tổng mã hóa không khớp với danh sách: cần 9 mục (3 người × 3 mức), tệp có 8 mục và 9 phiếu.");
        assertThat(refusal(read(json.replace(first, first + "," + first)))).isEqualTo("count.file.tallyShape");
        assertThat(refusal(read(json.replace("\"ballots\":9", "\"ballots\":-1")))).isEqualTo("count.file.tallyShape");

        String beta = conference.tally().entries().get(4).beta().toHex();
        var badPoint = (FileResult.Refused<?>) read(json.replace(beta, "03" + "ff".repeat(32)));
        assertThat(badPoint.reasonKey()).isEqualTo("count.file.badTallyPoint");
        assertThat(badPoint.args()).containsExactly(4);
        assertThat(refusal(read(json.replace(beta, beta.toUpperCase())))).isEqualTo("count.file.badTallyPoint");
        // The uncompressed form of the same point is not the file's form (docs/protocol.md 2).
        String uncompressed = HexFormat.of().formatHex(conference.tally().entries().get(4).beta().encodeUncompressed());
        assertThat(refusal(read(json.replace(beta, uncompressed)))).isEqualTo("count.file.badTallyPoint");
    }

    @Test
    void totals_that_are_not_those_of_their_hash_are_refused() {
        // Two totals swapped: every point valid, the shape right, the sums no longer those hashed.
        String a = conference.tally().entries().get(0).alpha().toHex();
        String b = conference.tally().entries().get(1).alpha().toHex();
        String swapped = json.replace(a, "X").replace(b, a).replace("X", b);
        assertThat(refusal(read(swapped))).isEqualTo("count.file.tallyHash");
        // The number of ballots is in the hashed encoding too.
        assertThat(refusal(read(json.replace("\"ballots\":9", "\"ballots\":10")))).isEqualTo("count.file.tallyHash");
        String hash = EncryptedTotalsFile.tallyHashHex(conference.tally());
        String other = (hash.charAt(5) == '0' ? hash.substring(0, 5) + "1" : hash.substring(0, 5) + "0") + hash.substring(6);
        assertThat(refusal(read(json.replace(hash, other)))).isEqualTo("count.file.tallyHash");
        assertThat(refusal(read(json.replace(hash, hash.substring(2))))).isEqualTo("count.file.badField");
    }

    @Test
    void the_totals_of_no_ballots_need_no_decryption() {
        ElectionContext ctx = ElectionContext.of(conference.manifest());
        String empty = "{\"format\":\"tinnhiem-encrypted-totals/1\",\"manifest\":" + conference.manifest().toJson()
                + ",\"tally\":" + EncryptedTally.noBallotsJson(ctx) + ",\"tallyHash\":\""
                + HexFormat.of().formatHex(sha256(EncryptedTally.encodeNoBallots(ctx))) + "\"}";
        var refused = (FileResult.Refused<?>) read(empty);
        assertThat(refused.reasonKey()).isEqualTo("count.file.noBallots");
        assertThat(refused.message(Languages.VIETNAMESE)).contains("không có gì để giải mã");
        // Zeros where N > 0 are no points.
        String zeros = "00".repeat(33);
        assertThat(refusal(read(json.replace(conference.tally().entries().get(2).alpha().toHex(), zeros))))
                .isEqualTo("count.file.badTallyPoint");
        assertThat(refusal(read(empty.replaceFirst(zeros, "02" + zeros.substring(2))))).isEqualTo("count.file.badTallyPoint");
    }

    @Test
    void writing_totals_that_do_not_fit_the_manifest_is_a_programming_error() {
        var short_ = new EncryptedTally(9, conference.tally().entries().subList(0, 8));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EncryptedTotalsFile.write(conference.manifest(), short_))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_refusal_reads_in_both_languages() {
        for (String key : List.of("count.file.tooLarge", "count.file.notJson", "count.file.notTotals",
                "count.file.badField", "count.file.badManifest", "count.file.manifestHash", "count.file.tallyShape",
                "count.file.badTallyPoint", "count.file.tallyHash", "count.file.noBallots")) {
            refusal(new FileResult.Refused<>(key, 1, 2, 3, 4, 5));
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
