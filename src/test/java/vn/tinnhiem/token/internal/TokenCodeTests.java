package vn.tinnhiem.token.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The code a person types: every single wrong character and every swap of two neighbours is caught by
 * the check character; what people and scanners do to a code (spaces, dashes, lower case, O for 0, I or
 * L for 1, the QR's prefix) is forgiven.
 */
class TokenCodeTests {

    private static final Random SEEDED = new Random(20261127);

    private static byte[] token() {
        byte[] token = new byte[TokenCode.TOKEN_BYTES];
        SEEDED.nextBytes(token);
        return token;
    }

    @Test
    void the_printed_code_and_the_qr_payload_read_back_to_the_token() {
        for (int i = 0; i < 2000; i++) {
            byte[] token = token();
            assertThat(TokenCode.parse(TokenCode.printed(token))).hasValueSatisfying(t -> assertThat(t).isEqualTo(token));
            assertThat(TokenCode.parse(TokenCode.qrPayload(token))).hasValueSatisfying(t -> assertThat(t).isEqualTo(token));
        }
        byte[] zero = new byte[16];
        byte[] ones = new byte[16];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertThat(TokenCode.parse(TokenCode.printed(zero))).hasValueSatisfying(t -> assertThat(t).isEqualTo(zero));
        assertThat(TokenCode.parse(TokenCode.printed(ones))).hasValueSatisfying(t -> assertThat(t).isEqualTo(ones));
    }

    @Test
    void the_printed_code_is_grouped_and_the_qr_holds_the_voting_prefix() {
        byte[] token = token();
        assertThat(TokenCode.printed(token)).matches("TN(-[0-9A-HJKMNP-TV-Z]{4}){6}-[0-9A-HJKMNP-TV-Z]{3}");
        assertThat(TokenCode.qrPayload(token)).matches("TN1V:[0-9A-HJKMNP-TV-Z]{27}");
    }

    @Test
    void every_single_wrong_character_is_refused() {
        for (int n = 0; n < 50; n++) {
            String code = TokenCode.compact(token());
            for (int i = 0; i < code.length(); i++) {
                for (char c : TokenCode.ALPHABET.toCharArray()) {
                    if (c != code.charAt(i)) {
                        String typo = code.substring(0, i) + c + code.substring(i + 1);
                        assertThat(TokenCode.parse(typo)).as(typo).isEmpty();
                    }
                }
            }
        }
    }

    @Test
    void every_swap_of_two_neighbours_is_refused() {
        for (int n = 0; n < 500; n++) {
            String code = TokenCode.compact(token());
            for (int i = 0; i + 1 < code.length(); i++) {
                if (code.charAt(i) != code.charAt(i + 1)) {
                    String swapped = code.substring(0, i) + code.charAt(i + 1) + code.charAt(i) + code.substring(i + 2);
                    assertThat(TokenCode.parse(swapped)).as(swapped).isEmpty();
                }
            }
        }
    }

    @Test
    void spaces_dashes_lower_case_and_look_alike_letters_are_forgiven() {
        for (int n = 0; n < 200; n++) {
            byte[] token = token();
            String printed = TokenCode.printed(token);
            String typed = printed.toLowerCase().replace('-', ' ').replace("0", "o").replace("1", "l");
            assertThat(TokenCode.parse(typed)).as(typed).hasValueSatisfying(t -> assertThat(t).isEqualTo(token));
            assertThat(TokenCode.parse(printed.replace("-", "").replace("1", "I"))).isPresent();
            assertThat(TokenCode.parse("  " + TokenCode.compact(token) + "\n")).isPresent();
            assertThat(TokenCode.parse("tn1v:" + TokenCode.compact(token).toLowerCase())).isPresent();
        }
    }

    @Test
    void a_share_card_a_short_code_or_anything_else_is_not_a_voting_card() {
        String compact = TokenCode.compact(token());
        assertThat(TokenCode.parse("TN1S:" + compact)).isEmpty();
        assertThat(TokenCode.parse(compact.substring(1))).isEmpty();
        assertThat(TokenCode.parse(compact + "0")).isEmpty();
        assertThat(TokenCode.parse("")).isEmpty();
        assertThat(TokenCode.parse("https://example.org/" + compact)).isEmpty();
        assertThat(TokenCode.parse(compact.replace(compact.charAt(3), 'U'))).isEmpty();
    }
}
