package vn.tinnhiem.shared.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** FIPS 180-2's vectors, through each way in. */
class Sha256Tests {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void abc_and_the_empty_text_hash_to_the_published_values() {
        assertThat(Sha256.hex("abc")).isEqualTo(ABC);
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        assertThat(HexFormat.of().formatHex(Sha256.of("abc"))).isEqualTo(ABC);
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        var parts = Sha256.digest();
        parts.update("a".getBytes(StandardCharsets.US_ASCII));
        parts.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(parts.digest())).isEqualTo(ABC);
    }

    @Test
    void text_is_hashed_as_utf8() {
        assertThat(Sha256.of("Đức")).isEqualTo(Sha256.of("Đức".getBytes(StandardCharsets.UTF_8)));
    }
}
