package vn.tinnhiem.count;

import java.util.List;
import java.util.Optional;

import vn.tinnhiem.crypto.Point;
import vn.tinnhiem.shared.files.StrictJson;

/**
 * What the count's JSON files (docs/protocol.md 10.1) share beyond the kit's strict reading: their size
 * limit, a point in hex and the entry numbers a refusal names.
 */
final class CountFiles {

    /**
     * The totals of a conference of 300 candidates are about 70 KB, its partial decryption about 200 KB;
     * anything this large is refused before it is parsed.
     */
    static final int MAX_BYTES = 32 * 1024 * 1024;

    static final StrictJson JSON = new StrictJson("count.file", MAX_BYTES);

    private CountFiles() {
    }

    /** A compressed point (33 bytes, 66 hex characters), or empty when it is not one. */
    static Optional<Point> point(String text) {
        Optional<byte[]> b = StrictJson.hex(text, Point.COMPRESSED_SIZE);
        if (b.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Point.decode(b.get()));
        } catch (IllegalArgumentException | ArithmeticException e) { // InvalidEncodingException among them
            return Optional.empty();
        }
    }

    /** Entry numbers for a message: at most ten, then "…". */
    static String entries(List<Integer> entries) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < entries.size() && i < 10; i++) {
            sb.append(i > 0 ? ", " : "").append(entries.get(i));
        }
        return entries.size() > 10 ? sb.append(", …").toString() : sb.toString();
    }
}
