package vn.tinnhiem.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.i18n.Translations;

/** Every answer about a card that the kiosk will show has its words in Vietnamese and in English. */
class CardMessagesTests {

    @Test
    void each_refusal_and_each_card_state_has_a_message_in_both_languages() {
        Stream.concat(Stream.of(SpendResult.values()).map(SpendResult::messageKey),
                Stream.of(CardCheck.values()).map(CardCheck::messageKey)).distinct().forEach(key -> {
                    String vi = Translations.translate(key, Languages.VIETNAMESE);
                    String en = Translations.translate(key, Languages.ENGLISH);
                    assertThat(vi).as(key).doesNotStartWith("!").isNotEqualTo(en);
                    assertThat(en).as(key).doesNotStartWith("!");
                });
        assertThat(Translations.translate(SpendResult.NOT_ACTIVATED.messageKey(), Languages.VIETNAMESE))
                .contains("chưa được Ban Kiểm phiếu kích hoạt");
    }
}
