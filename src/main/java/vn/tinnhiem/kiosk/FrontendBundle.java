package vn.tinnhiem.kiosk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import vn.tinnhiem.shared.files.Sha256;

/**
 * The hash of the frontend bundle this server serves (docs/security.md, "What the tablet runs"): every file Vaadin
 * serves from its production build, {@code META-INF/VAADIN/webapp/} on the class path (the page {@code index.html},
 * the service worker, the icons and the bundle's scripts under {@code VAADIN/build/}, compressed copies included),
 * computed once at start ({@link #served()}; the start logs it). The tablet's enrollment screen and the tablets page
 * show it so that a supervisor can compare it with the hash published with the release.
 *
 * <p>The hash, reproducible with standard tools from the release's jar:
 * {@code cd META-INF/VAADIN/webapp && find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum}:
 * SHA-256 of the lines {@code <sha256 of the file, 64 lower-case hex>  <path>\n} (two spaces, sha256sum's own
 * form), one per file, path relative to {@code webapp/}, sorted by the path's UTF-8 bytes. Of two files at one
 * path on the class path, the first is the one served (and hashed).
 */
public final class FrontendBundle {

    /** Where Vaadin serves its production build from (Flow's {@code Constants.VAADIN_WEBAPP_RESOURCES}). */
    public static final String ROOT = "META-INF/VAADIN/webapp/";

    private final @Nullable String hash;
    private final int files;

    private static final class Served {
        static final FrontendBundle BUNDLE = new FrontendBundle(FrontendBundle.class.getClassLoader());
    }

    /** The bundle this server serves, hashed once (at start, {@link AtStart}). */
    public static FrontendBundle served() {
        return Served.BUNDLE;
    }

    /** Hashes the bundle when the application starts, not at the first tablet, and logs it for the operator. */
    @Component
    static class AtStart {
        @EventListener(ApplicationReadyEvent.class)
        void hash() {
            FrontendBundle b = served();
            LoggerFactory.getLogger(FrontendBundle.class).info("Frontend bundle SHA-256 {} ({} files under {})",
                    b.hash().orElse("(none: no production bundle on the class path)"), b.files(), ROOT);
        }
    }

    FrontendBundle(ClassLoader loader) {
        Map<String, byte[]> digests = digests(loader);
        this.files = digests.size();
        this.hash = digests.isEmpty() ? null : hash(digests);
    }

    /** The bundle's hash, 64 lower-case hex characters; empty when no production bundle is on the class path. */
    public Optional<String> hash() {
        return Optional.ofNullable(hash);
    }

    /** The hash as people read it aloud and compare it: groups of four, "1a2b 3c4d ...". */
    public Optional<String> grouped() {
        return hash().map(FrontendBundle::grouped);
    }

    /** How many files the hash covers. */
    public int files() {
        return files;
    }

    public static String grouped(String hex) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            sb.append(i > 0 ? " " : "").append(hex, i, Math.min(hex.length(), i + 4));
        }
        return sb.toString();
    }

    /** SHA-256 of the sha256sum lines, in order of the paths' UTF-8 bytes. */
    public static String hash(Map<String, byte[]> digestsByPath) {
        TreeMap<String, byte[]> sorted = new TreeMap<>(FrontendBundle::compareUtf8);
        sorted.putAll(digestsByPath);
        MessageDigest md = Sha256.digest();
        for (var e : sorted.entrySet()) {
            md.update((HexFormat.of().formatHex(e.getValue()) + "  " + e.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Each served file's SHA-256 by its path under {@link #ROOT}; the first on the class path wins. */
    private static Map<String, byte[]> digests(ClassLoader loader) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            Resource[] found = new PathMatchingResourcePatternResolver(loader).getResources("classpath*:" + ROOT + "**");
            for (Resource r : found) {
                String path = relative(r);
                if (path == null || out.containsKey(path) || !isFile(r)) {
                    continue;
                }
                try (InputStream in = r.getInputStream()) {
                    MessageDigest md = Sha256.digest();
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0;) {
                        md.update(buf, 0, n);
                    }
                    out.put(path, md.digest());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the frontend bundle", e);
        }
        return out;
    }

    private static @Nullable String relative(Resource r) throws IOException {
        String url = r.getURL().toString();
        int at = url.lastIndexOf(ROOT);
        if (at < 0) {
            return null;
        }
        String path = java.net.URLDecoder.decode(url.substring(at + ROOT.length()).replace("+", "%2B"),
                StandardCharsets.UTF_8);
        return path.isEmpty() || path.endsWith("/") ? null : path;
    }

    private static boolean isFile(Resource r) {
        try {
            if (r.isFile()) {
                return r.getFile().isFile();
            }
            return r.isReadable();
        } catch (IOException e) {
            return false;
        }
    }

    /** The files a hash covers, for the tests. */
    static List<String> paths(ClassLoader loader) {
        return List.copyOf(new TreeMap<>(digests(loader)).keySet());
    }
}
