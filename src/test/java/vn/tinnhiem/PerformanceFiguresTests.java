package vn.tinnhiem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * docs/performance.md names, for every figure, the benchmark or test that prints it: each of those classes must
 * still exist, so a harness renamed or removed without its figures fails the build here instead of leaving a
 * figure nobody can reproduce.
 */
class PerformanceFiguresTests {

    private static final Pattern HARNESS = Pattern.compile("`([A-Z][A-Za-z0-9]*Tests)(?:[#.]([A-Za-z0-9_]+))?\\*?`");

    @Test
    void every_harness_that_performance_md_names_exists() throws IOException {
        String text = Files.readString(Path.of("docs", "performance.md"));
        Map<String, Path> present;
        try (var files = Files.walk(Path.of("src", "test", "java"))) {
            present = files.filter(f -> f.getFileName().toString().endsWith("Tests.java")).collect(Collectors.toMap(
                    f -> f.getFileName().toString().replace(".java", ""), f -> f, (a, b) -> a));
        }
        Set<String> named = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (var m : HARNESS.matcher(text).results().toList()) {
            String harness = m.group(1);
            named.add(harness);
            if (!present.containsKey(harness)) {
                missing.add(harness);
            } else if (m.group(2) != null && !Files.readString(present.get(harness)).contains(" " + m.group(2) + "(")) {
                missing.add(harness + "#" + m.group(2));
            }
        }
        assertThat(named).as("harnesses named in docs/performance.md").isNotEmpty();
        assertThat(missing).as("harnesses docs/performance.md names that no longer exist: re-measure with the new one"
                + " and update the figure, its date and the section's row").isEmpty();
    }
}
