package vn.tinnhiem.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle's hash is the one docs/security.md tells a release to publish: the documented shell recipe, run on the
 * folder Vaadin serves the production build from, gives the hash the server shows; in a jar too, where the first of
 * two files at one path (the one served) is the one hashed.
 */
public class FrontendBundleTests {

    /** The recipe of FrontendBundle's documentation, with standard tools (find, sort, sha256sum). */
    public static String recipe(Path webapp) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c",
                "find . -type f -printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum")
                .directory(webapp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.substring(0, 64);
    }

    /** The served folder on the test's class path (target/classes/META-INF/VAADIN/webapp). */
    public static Path servedFolder() throws URISyntaxException {
        URL index = FrontendBundle.class.getClassLoader().getResource(FrontendBundle.ROOT + "index.html");
        assertThat(index).as("the production bundle is built before the tests").isNotNull();
        return Path.of(index.toURI()).getParent();
    }

    @Test
    void the_served_hash_is_the_documented_recipe_over_the_served_folder() throws Exception {
        FrontendBundle bundle = FrontendBundle.served();
        Path webapp = servedFolder();
        assertThat(bundle.hash()).contains(recipe(webapp));
        assertThat(bundle.files()).isGreaterThan(5);
        assertThat(FrontendBundle.paths(FrontendBundle.class.getClassLoader())).contains("index.html")
                .anyMatch(f -> f.startsWith("VAADIN/build/") && f.endsWith(".js"));
        assertThat(bundle.grouped().orElseThrow()).matches("[0-9a-f]{4}( [0-9a-f]{4}){15}");
    }

    @Test
    void in_a_jar_every_file_counts_once_the_first_on_the_class_path(@TempDir Path dir) throws Exception {
        Map<String, String> files = Map.of("index.html", "<html>tn</html>", "VAADIN/build/tn-ballot-Ab1.js",
                "export const x = 1;", "VAADIN/build/tn-ballot-Ab1.js.br", "\u0000\u0001br", "sw.js", "self;",
                "pwa-icons/icons/icon-16x16.png", "png");
        Path first = dir.resolve("first.jar");
        Path second = dir.resolve("second.jar");
        jar(first, files);
        jar(second, Map.of("index.html", "<html>another</html>", "other.js", "not on the first"));
        Path webapp = dir.resolve("webapp");
        for (var e : files.entrySet()) {
            Path f = webapp.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        Files.writeString(webapp.resolve("other.js"), "not on the first");
        try (var loader = new URLClassLoader(new URL[] {first.toUri().toURL(), second.toUri().toURL()}, null)) {
            FrontendBundle bundle = new FrontendBundle(loader);
            assertThat(bundle.files()).isEqualTo(6);
            assertThat(bundle.hash()).contains(recipe(webapp));
        }
        try (var loader = new URLClassLoader(new URL[0], null)) {
            assertThat(new FrontendBundle(loader).hash()).isEmpty();
        }
    }

    private static void jar(Path file, Map<String, String> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); var jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("META-INF/"));
            jar.putNextEntry(new JarEntry("META-INF/VAADIN/"));
            jar.putNextEntry(new JarEntry(FrontendBundle.ROOT));
            for (var e : files.entrySet()) {
                jar.putNextEntry(new JarEntry(FrontendBundle.ROOT + e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
    }
}
