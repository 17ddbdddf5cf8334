package vn.tinnhiem.audit.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import vn.tinnhiem.audit.AuditAnchor;

/**
 * The audit chain's anchors, outside the database: a plain text file beside the data folder, only ever
 * appended to and forced to disk after each line. A copy of the database restored from an older
 * backup, or cut at its tail, no longer matches the anchors written since. One line per anchor:
 * <pre>2026-11-27T07:30:00.123456Z 1234 &lt;64 hex: hash of entry 1234&gt; election.status</pre>
 * Lines starting with '#' are comments.
 */
@Component
public class AnchorFile {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final String HEADER = "# TinNhiem audit anchors, append-only: time (UTC), entry count, hash of that"
            + " entry, reason\n";

    private final Path path;

    AnchorFile(@Value("${tinnhiem.audit.anchor-file:data/audit-anchors.txt}") String path) {
        this.path = Path.of(path).toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    /** Appends one anchor and forces it to disk before returning. */
    public synchronized void append(Instant at, long entryCount, String hash, String reason) throws IOException {
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("not a hash");
        }
        String line = at + " " + entryCount + " " + hash + " " + reason.replaceAll("[^A-Za-z0-9._-]", "_") + "\n";
        Files.createDirectories(path.getParent());
        boolean fresh = !Files.exists(path);
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode((fresh ? HEADER : "") + line);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
    }

    /** Every anchor in the file, in order, and the numbers of the lines that are not anchors. */
    public record Reading(List<AuditAnchor> anchors, List<Integer> unreadableLines) {

        public Optional<AuditAnchor> last() {
            return anchors.isEmpty() ? Optional.empty() : Optional.of(anchors.getLast());
        }
    }

    /** Empty when the file does not exist. */
    public Optional<Reading> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        List<AuditAnchor> anchors = new ArrayList<>();
        List<Integer> unreadable = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int line = i + 1;
            parse(line, text).ifPresentOrElse(anchors::add, () -> unreadable.add(line));
        }
        return Optional.of(new Reading(List.copyOf(anchors), List.copyOf(unreadable)));
    }

    private static Optional<AuditAnchor> parse(int line, String text) {
        String[] parts = text.split(" ");
        if (parts.length < 3 || !HASH.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        try {
            long count = Long.parseLong(parts[1]);
            if (count < 0) {
                return Optional.empty();
            }
            return Optional.of(new AuditAnchor(line, Instant.parse(parts[0]), count, parts[2],
                    parts.length > 3 ? parts[3] : ""));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
