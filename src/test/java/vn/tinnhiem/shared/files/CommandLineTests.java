package vn.tinnhiem.shared.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The laptop's commands read their arguments left to right and stop at the first one not understood. */
class CommandLineTests {

    private static CommandLine laptop(String... args) {
        return CommandLine.parse(CommandLine.after("ceremony", args), Set.of("--lang", "--out"), Set.of("--help", "-h"),
                0);
    }

    @Test
    void options_take_their_value_the_last_one_wins_and_flags_stand_alone() {
        CommandLine line = laptop("ceremony", "--lang", "en", "--out", "a", "-h", "--out", "b");
        assertThat(line.refusedArgument()).isEmpty();
        assertThat(line.last("--out")).contains("b");
        assertThat(line.all("--out")).containsExactly("a", "b");
        assertThat(line.last("--lang")).contains("en");
        assertThat(line.has("--help", "-h")).isTrue();
        assertThat(line.last("--request")).isEmpty();
    }

    @Test
    void the_first_argument_not_understood_stops_the_reading_and_what_came_before_it_is_kept() {
        CommandLine line = laptop("--lang", "en", "--bogus", "--out", "a");
        assertThat(line.refusedArgument()).contains("--bogus");
        assertThat(line.last("--lang")).contains("en");
        assertThat(line.last("--out")).isEmpty();

        assertThat(laptop("--out").refusedArgument()).contains("--out");
        assertThat(laptop("file.json").refusedArgument()).contains("file.json");
        assertThat(laptop("--bogus", "--lang", "en").last("--lang")).isEmpty();
    }

    @Test
    void the_command_name_is_dropped_only_when_it_comes_first() {
        assertThat(CommandLine.after("ceremony", new String[] {"ceremony", "--out"})).containsExactly("--out");
        assertThat(CommandLine.after("ceremony", new String[] {"--out", "ceremony"})).containsExactly("--out", "ceremony");
        assertThat(CommandLine.after("ceremony", new String[0])).isEmpty();
    }

    @Test
    void plain_arguments_are_taken_up_to_the_number_asked_and_never_start_with_two_dashes() {
        CommandLine one = CommandLine.parse(List.of("--lang", "vi", "-h", "--lang", "en"), Set.of("--lang"), Set.of(), 1);
        assertThat(one.refusedArgument()).isEmpty();
        assertThat(one.plain()).containsExactly("-h");
        assertThat(one.all("--lang")).containsExactly("vi", "en");

        assertThat(CommandLine.parse(List.of("a", "b"), Set.of(), Set.of(), 1).refusedArgument()).contains("b");
        assertThat(CommandLine.parse(List.of("--help"), Set.of(), Set.of(), 1).refusedArgument()).contains("--help");
    }
}
