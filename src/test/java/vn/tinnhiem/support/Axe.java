package vn.tinnhiem.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * axe-core (the npm registry's package, fetched by the build into target/axe-core) run on the page a browser
 * shows, as a screen-reader user or an auditor would meet it. Every check appends its figures to
 * target/axe/screens.tsv (screen, size, violations by impact, the rules that failed), the table the closing
 * note quotes; {@link #assertNoSeriousViolation} fails on any critical or serious one, naming the rule and the
 * elements.
 */
public final class Axe {

    private static final Path SCRIPT = Path.of("target", "axe-core", "package", "axe.min.js");
    private static final Path REPORT = Path.of("target", "axe", "screens.tsv");
    private static final Path DETAILS = Path.of("target", "axe", "violations.txt");
    private static String source;

    private Axe() {
    }

    /** One rule that failed on the page: its impact, what it checks, and where (CSS selectors, at most five). */
    public record Violation(String rule, String impact, String help, List<String> where) {

        boolean serious() {
            return "critical".equals(impact) || "serious".equals(impact);
        }

        @Override
        public String toString() {
            return impact + " " + rule + " (" + help + ") at " + String.join(", ", where);
        }
    }

    /** Runs axe on the whole page now shown, records its figures under the screen's name, returns what failed. */
    @SuppressWarnings("unchecked")
    public static List<Violation> check(Browser browser, String screen) {
        browser.waitForVaadin();
        if (Boolean.FALSE.equals(browser.script("return typeof window.axe === 'object';"))) {
            browser.script(script());
        }
        Object result = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                window.axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(r.violations.map(v => ({ rule: v.id, impact: v.impact || 'minor', help: v.help,
                      where: v.nodes.slice(0, 5).map(n => n.target.flat().join(' >> ')
                          + ' [' + (n.failureSummary || '').replace(/\\s+/g, ' ').substring(0, 300) + ']') }))))
                  .catch(e => done('axe failed: ' + e));
                """);
        if (result instanceof String failure) {
            throw new IllegalStateException(failure + " on " + screen);
        }
        List<Violation> violations = new ArrayList<>();
        for (Object o : (List<Object>) result) {
            var v = (Map<String, Object>) o;
            violations.add(new Violation((String) v.get("rule"), (String) v.get("impact"), (String) v.get("help"),
                    ((List<Object>) v.get("where")).stream().map(String::valueOf).toList()));
        }
        record(screen, browser, violations);
        return violations;
    }

    /** Runs axe and fails when a critical or serious rule is broken on the page. */
    public static void assertNoSeriousViolation(Browser browser, String screen) {
        List<Violation> serious = check(browser, screen).stream().filter(Violation::serious).toList();
        if (!serious.isEmpty()) {
            throw new AssertionError("axe on " + screen + ": " + serious.size() + " critical or serious:\n  "
                    + String.join("\n  ", serious.stream().map(Violation::toString).toList()));
        }
    }

    private static synchronized String script() {
        if (source == null) {
            try {
                source = Files.readString(SCRIPT, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core is missing: the build fetches it into " + SCRIPT
                        + " (maven-antrun-plugin, generate-test-resources)", e);
            }
        }
        return source;
    }

    private static synchronized void record(String screen, Browser browser, List<Violation> violations) {
        long critical = violations.stream().filter(v -> "critical".equals(v.impact())).count();
        long serious = violations.stream().filter(v -> "serious".equals(v.impact())).count();
        long moderate = violations.stream().filter(v -> "moderate".equals(v.impact())).count();
        long minor = violations.stream().filter(v -> "minor".equals(v.impact())).count();
        Object size = browser.script("return window.innerWidth + 'x' + window.innerHeight;");
        String line = String.join("\t", screen, String.valueOf(size), String.valueOf(critical), String.valueOf(serious),
                String.valueOf(moderate), String.valueOf(minor),
                String.join(" ", violations.stream().map(v -> v.impact() + ":" + v.rule()).toList())) + "\n";
        try {
            Files.createDirectories(REPORT.getParent());
            if (!Files.exists(REPORT)) {
                Files.writeString(REPORT, "screen\tsize\tcritical\tserious\tmoderate\tminor\trules\n");
            }
            Files.writeString(REPORT, line, StandardOpenOption.APPEND);
            for (Violation v : violations) {
                Files.writeString(DETAILS, screen + " " + size + ": " + v + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
