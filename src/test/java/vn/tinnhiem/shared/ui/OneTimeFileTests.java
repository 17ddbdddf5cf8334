package vn.tinnhiem.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import org.junit.jupiter.api.Test;

/** A printed share card is served to its teller once, and its bytes do not outlive the download. */
class OneTimeFileTests {

    @Test
    void the_first_reader_takes_the_file_and_its_bytes_are_zeroed_when_the_download_ends() throws Exception {
        byte[] card = "%PDF share card".getBytes();
        var file = new OneTimeFile(card);
        try (InputStream in = file.take().orElseThrow()) {
            assertThat(in.readAllBytes()).startsWith("%PDF".getBytes());
        }
        assertThat(card).containsOnly(0);
        assertThat(file.take()).as("a second download gets nothing").isEmpty();
        assertThat(file.taken()).isTrue();
    }

    @Test
    void a_file_nobody_took_is_zeroed_when_the_dialog_closes() {
        byte[] card = "%PDF share card".getBytes();
        var file = new OneTimeFile(card);
        file.forget();
        assertThat(card).containsOnly(0);
        assertThat(file.take()).isEmpty();
    }
}
