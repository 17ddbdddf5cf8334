package vn.tinnhiem.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.shared.i18n.Languages;

/** Typed fields: whatever a person typed reads back as typed, and never as another field. */
class AuditFieldsTests {

    private static AuditEntry entry(String action, AuditFields fields) {
        return new AuditEntry(1, Instant.parse("2026-11-27T01:00:00Z"), "organiser", action, "election:7",
                fields.encode(), "", "", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"roll.csv rows=9999", "Hội nghị kind=SECRET", "100% đủ", "a=b=c", " leading and trailing ",
            "line one\nline two\r\n", "tab\there", "%41 is not A", "%", "%%20", "~1 rows=1", "", " ", "=", "name=x",
            "bidi \u202Eevil", "zero\u200Bwidth", "nbsp\u00A0here", "line\u2028separator", "emoji 🗳️ phiếu",
            "Nguyễn Thị Ánh Tuyết", "đ Đ ư Ư ơ Ơ", "\u0000nul", "back\\slash", "quote\"s and 'apostrophes'",
            "{0} {title} ''", "“ngoặc kép”"})
    void a_value_reads_back_exactly_and_alone(String typed) {
        AuditFields fields = AuditFields.of("file", typed).with("rows", 30);
        String stored = fields.encode();
        AuditFields read = AuditFields.decode("voter.import", stored);
        assertThat(read.visible()).containsExactly(Map.entry("file", typed), Map.entry("rows", "30"));
        assertThat(read).isEqualTo(fields);
        // One line, fields apart by single spaces, nothing a person typed between them unescaped.
        assertThat(stored).startsWith("~1 file=").endsWith(" rows=30").doesNotContain("\n", "\r", "\t", "\u2028");
        assertThat(stored.split(" ")).hasSize(3);
    }

    @Test
    void the_encoding_is_one_and_readable() {
        assertThat(AuditFields.of("title", "Hội nghị 100% = đủ").with("kind", BallotKind.THREE_LEVEL).with("quorum", true)
                .with("count", 12).encode()).isEqualTo("~1 title=Hội%20nghị%20100%25%20%3D%20đủ kind=THREE_LEVEL"
                        + " quorum=yes count=12");
        assertThat(AuditFields.none().encode()).isEqualTo("~1");
        assertThat(AuditFields.decode("x.y", "~1").isEmpty()).isTrue();
        assertThat(AuditFields.escape("a\nb")).isEqualTo("a%0Ab");
    }

    @Test
    void a_key_is_given_once_and_looks_like_a_key() {
        assertThatThrownBy(() -> AuditFields.of("rows", 1).with("rows", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        for (String bad : new String[] {"", "Rows", "1rows", "ro ws", "rows=", "r-ows", "rôws"}) {
            assertThatThrownBy(() -> AuditFields.of(bad, 1)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> AuditFields.of("rows", (Object) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void text_posing_as_a_field_shows_in_its_own_place_in_the_sentence() {
        var roll = entry("voter.import", AuditFields.of("file", "roll.csv rows=9999").with("sha256", "ab12").with("rows", 30));
        assertThat(AuditSentences.describe(roll, Map.of(), Languages.VIETNAMESE)).isEqualTo(
                "Nhập danh sách người ghi phiếu của hội nghị số 7 từ tệp “roll.csv rows=9999”: 30 người (SHA-256 của tệp: ab12)");
        assertThat(AuditSentences.describe(roll, Map.of(), Languages.ENGLISH)).contains("“roll.csv rows=9999”: 30 voters");

        var update = entry("election.update", AuditFields.of("title", "Hội nghị kind=SECRET").with("kind", BallotKind.THREE_LEVEL)
                .with("rules", "QD_96_2023").with("at", "2026-12-21T08:00"));
        assertThat(AuditSentences.describe(update, Map.of(), Languages.VIETNAMESE))
                .startsWith("Sửa thông tin hội nghị “Hội nghị kind=SECRET”: Lấy phiếu tín nhiệm (3 mức), ")
                .endsWith("bắt đầu lúc 08:00 21/12/2026");
    }

    @Test
    void a_hidden_field_keeps_its_place_and_shows_no_value() {
        var added = entry("voter.add", AuditFields.of("ordinal", 3).with("name", "Nguyễn Văn An"));
        AuditEntry masked = added.withoutNames();
        assertThat(masked.details()).isEqualTo("~1 ordinal=3 name").doesNotContain("Nguyễn");
        assertThat(masked.fields().isHidden("name")).isTrue();
        assertThat(masked.fields().get("name")).isEmpty();
        assertThat(masked.entryHash()).isEqualTo(added.entryHash());
        assertThat(AuditSentences.describe(masked, Map.of(), Languages.VIETNAMESE))
                .isEqualTo("Thêm người ghi phiếu số 3 “[tên đã ẩn]” vào hội nghị số 7");
        assertThat(AuditSentences.describe(masked, Map.of(), Languages.ENGLISH)).contains("[name hidden]")
                .doesNotContain("Nguyễn");
        // Old entries are hidden the same way.
        var old = new AuditEntry(2, Instant.EPOCH, "organiser", "candidate.add", "election:7", "ordinal=1 name=Trần Minh Khoa",
                "", "", "");
        assertThat(old.withoutNames().details()).doesNotContain("Trần");
        // Actions without names are left as they are.
        var teller = entry("teller.add", AuditFields.of("seat", 1).with("name", "Ngô Thị Hạnh"));
        assertThat(teller.withoutNames()).isSameAs(teller);
    }
}
