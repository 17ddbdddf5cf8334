package vn.tinnhiem.shared.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.tinnhiem.shared.i18n.Languages;

/** The laptop commands' shared start: help, the usage on a wrong argument, in the language read so far. */
class LaptopCommandTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private LaptopCommand.Start start(String... args) {
        return LaptopCommand.start(args, "decrypt-share", "count.offline", List.of("--totals", "--out"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void help_prints_the_usage_and_ends_well() {
        assertThat(start("decrypt-share", "--lang", "en", "--help")).isEqualTo(new LaptopCommand.Exit(0));
        assertThat(out.toString(StandardCharsets.UTF_8)).isNotBlank();
        assertThat(err.size()).isZero();
    }

    @Test
    void a_wrong_or_missing_argument_prints_the_usage_in_the_language_read_before_it() {
        assertThat(start("--lang", "en", "--bogus")).isEqualTo(new LaptopCommand.Exit(2));
        String english = err.toString(StandardCharsets.UTF_8);
        err.reset();
        assertThat(start("--bogus", "--lang", "en")).isEqualTo(new LaptopCommand.Exit(2));
        String vietnamese = err.toString(StandardCharsets.UTF_8);
        assertThat(english).contains("--bogus").isNotEqualTo(vietnamese);
        assertThat(vietnamese).contains("--bogus");
        err.reset();
        assertThat(start("--totals", "t.json")).isEqualTo(new LaptopCommand.Exit(2));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--out");
    }

    @Test
    void the_command_runs_with_what_it_was_given() {
        var run = (LaptopCommand.Run) start("--totals", "t.json", "--out", "d", "--lang", "en");
        assertThat(run.command().locale()).isEqualTo(Languages.ENGLISH);
        assertThat(run.command().line().last("--out")).contains("d");
    }

    @Test
    void yes_and_no_in_either_language_anything_else_is_asked_again() {
        for (String yes : List.of("c", "Có", " co ", "Y", "yes")) {
            assertThat(LaptopCommand.yesOrNo(yes.toCharArray())).contains(true);
        }
        for (String no : List.of("k", "KHÔNG", "khong", "n", "No")) {
            assertThat(LaptopCommand.yesOrNo(no.toCharArray())).contains(false);
        }
        assertThat(LaptopCommand.yesOrNo("có lẽ".toCharArray())).isEmpty();
        assertThat(LaptopCommand.yesOrNo(new char[0])).isEmpty();
    }
}
