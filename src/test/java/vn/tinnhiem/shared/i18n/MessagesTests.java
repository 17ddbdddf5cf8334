package vn.tinnhiem.shared.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import vn.tinnhiem.account.Role;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ChecklistStep;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.Milestone;
import vn.tinnhiem.election.RollImportResult;
import vn.tinnhiem.election.RuleSet;

/** Every message the code asks for exists in Vietnamese and in English, and both bundles match. */
class MessagesTests {

    private static final Pattern KEY_IN_CODE = Pattern.compile(
            "(?:getTranslation|translate|UserFacingException|Refusal\\.of|Actions\\.small|Actions\\.icon\\([^,]+,|RowProblem\\.of\\([^,]+,)\\s*\\(?\\s*\"([a-zA-Z]+\\.[a-zA-Z_.]*[a-zA-Z_])\"");

    private static Properties bundle(String name) throws IOException {
        var p = new Properties();
        try (var in = MessagesTests.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> keysUsedInCode() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                var m = KEY_IN_CODE.matcher(Files.readString(f));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        for (ElectionStatus s : ElectionStatus.values()) {
            keys.add("status." + s.name());
            keys.add("lifecycle.to." + s.name());
        }
        for (Role r : Role.values()) {
            keys.add("role." + r.name());
        }
        for (BallotKind k : BallotKind.values()) {
            keys.add("ballotKind." + k.name());
            k.levels().forEach(l -> keys.add("level." + l));
        }
        for (Milestone m : Milestone.values()) {
            keys.add("milestone." + m.name());
        }
        keys.add(new RollImportResult(1, java.util.List.of(), false).summaryKey());
        keys.add(new RollImportResult(1, java.util.List.of(), true).summaryKey());
        for (RuleSet r : RuleSet.values()) {
            keys.add("ruleSet." + r.name());
        }
        for (ChecklistStep s : ChecklistStep.values()) {
            keys.add("checklist." + s.name());
        }
        return keys;
    }

    @Test
    void every_key_the_code_uses_is_in_both_languages() throws IOException {
        Properties vi = bundle("messages.properties");
        Properties en = bundle("messages_en.properties");
        Set<String> used = keysUsedInCode();
        assertThat(used).hasSizeGreaterThan(100);
        assertThat(used).allSatisfy(k -> assertThat(vi).containsKey(k)).allSatisfy(k -> assertThat(en).containsKey(k));
    }

    /** A key written twice silently keeps the last text: two features' words collide and one screen says the other's. */
    @Test
    void no_key_is_written_twice_in_a_bundle() throws IOException {
        for (String name : java.util.List.of("messages.properties", "messages_en.properties")) {
            var seen = new HashSet<String>();
            var twice = new TreeSet<String>();
            for (String line : Files.readAllLines(Path.of("src/main/resources/i18n", name), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#") && !seen.add(line.substring(0, eq).strip())) {
                    twice.add(line.substring(0, eq).strip());
                }
            }
            assertThat(twice).as(name).isEmpty();
        }
    }

    @Test
    void the_two_bundles_have_the_same_keys() throws IOException {
        assertThat(new HashSet<>(bundle("messages_en.properties").keySet()))
                .isEqualTo(new HashSet<>(bundle("messages.properties").keySet()));
    }

    /** A screen says what is true now: no text promises that something comes "in a later version". */
    @Test
    void no_text_promises_a_later_version() throws IOException {
        for (String name : java.util.List.of("messages.properties", "messages_en.properties")) {
            Properties texts = bundle(name);
            assertThat(texts.stringPropertyNames()).as(name).noneSatisfy(k -> assertThat(texts.getProperty(k))
                    .containsAnyOf("bản sau", "phiên bản sau", "later version", "coming soon"));
        }
    }

    /**
     * Every text formatted as a screen would show it, with sample arguments: no "{0}" left on a page, no
     * quote lost ("the tally boards desk"), no pattern that MessageFormat cannot read. The audit sentences
     * name their placeholders and are filled by AuditSentences; their quotes follow the same rule.
     */
    @Test
    void every_text_formats_with_its_quotes_and_without_a_placeholder_left() throws IOException {
        var problems = new TreeSet<String>();
        for (var language : java.util.List.of(Languages.VIETNAMESE, Languages.ENGLISH)) {
            Properties texts = bundle(Languages.isEnglish(language) ? "messages_en.properties" : "messages.properties");
            for (String key : texts.stringPropertyNames()) {
                String raw = texts.getProperty(key);
                if (raw.replace("''", "").contains("'")) {
                    problems.add(language + " " + key + ": a lone quote (MessageFormat drops it; write '')");
                }
                if (key.startsWith("audit.sentence.")) {
                    continue;
                }
                Object[] samples = new Object[10];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = i % 2 == 0 ? (Object) (i + 2) : "x" + i;
                }
                String shown;
                try {
                    shown = Translations.translate(key, language, samples);
                } catch (IllegalArgumentException e) {
                    problems.add(language + " " + key + ": " + e.getMessage());
                    continue;
                }
                if (shown.contains("{") || shown.contains("}")) {
                    problems.add(language + " " + key + ": a placeholder is left: " + shown);
                }
                if (raw.contains("''") && !shown.contains("'")) {
                    problems.add(language + " " + key + ": its quote is lost: " + shown);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(Translations.translate("count.doc.candidateOf", Languages.ENGLISH, "Khoa")).startsWith("Khoa's own");
    }

    @Test
    void vietnamese_is_the_default_and_has_its_diacritics() {
        assertThat(Translations.translate("level.LOW", Languages.VIETNAMESE)).isEqualTo("Tín nhiệm thấp");
        assertThat(Translations.translate("level.LOW", Languages.ENGLISH)).isEqualTo("Low confidence");
        assertThat(Translations.translate("import.row", Languages.VIETNAMESE, 3, "thiếu họ và tên."))
                .isEqualTo("Dòng 3: thiếu họ và tên.");
    }
}
