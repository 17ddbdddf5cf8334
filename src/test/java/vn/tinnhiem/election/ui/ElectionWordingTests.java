package vn.tinnhiem.election.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The conference screens' Vietnamese: “ ” quotes, not « »; "khóa" only for the election key (the lists
 * are "chốt", an account is locked elsewhere); the tally board's threshold in words, not k and n.
 */
class ElectionWordingTests {

    private static final List<String> SCREENS = List.of("election.", "elections.", "lifecycle.", "teller.", "candidate.",
            "voter.", "checklist.", "status.", "tab.", "import.");

    private static Properties bundle(String name) throws IOException {
        var properties = new Properties();
        try (var in = ElectionWordingTests.class.getResourceAsStream("/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static boolean onScreens(Object key) {
        return SCREENS.stream().anyMatch(key.toString()::startsWith);
    }

    @Test
    void vietnamese_and_english_use_curly_quotes_not_guillemets() throws IOException {
        for (String name : List.of("messages.properties", "messages_en.properties")) {
            bundle(name).forEach((key, value) -> assertThat(value.toString()).as("%s in %s", key, name)
                    .doesNotContain("«", "»"));
        }
    }

    @Test
    void khoa_on_the_conference_screens_means_only_the_election_key() throws IOException {
        Pattern keyMeaning = Pattern.compile("(?i)(thẻ khóa|khóa bầu cử)");
        bundle("messages.properties").forEach((key, value) -> {
            if (onScreens(key)) {
                String rest = keyMeaning.matcher(value.toString()).replaceAll("");
                assertThat(rest.toLowerCase()).as(key.toString()).doesNotContain("khóa", "khoá");
            }
        });
    }

    @Test
    void the_threshold_is_explained_in_words_not_in_k_of_n() throws IOException {
        Pattern algebra = Pattern.compile("(^|[^\\p{L}])[kn]([^\\p{L}]|$)");
        for (String name : List.of("messages.properties", "messages_en.properties")) {
            bundle(name).forEach((key, value) -> {
                if (key.toString().startsWith("teller.") || key.toString().startsWith("lifecycle.")) {
                    assertThat(algebra.matcher(value.toString()).find()).as("%s in %s: %s", key, name, value).isFalse();
                }
            });
        }
    }
}
