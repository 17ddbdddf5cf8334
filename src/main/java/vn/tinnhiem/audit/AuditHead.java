package vn.tinnhiem.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest point of the chain: how many entries it holds and the hash of the last one. Written down
 * outside the database (the anchor file, the minutes, a note read aloud), it lets the integrity check
 * prove later that no entry up to it was removed or rewritten.
 */
public record AuditHead(long entryCount, String hash) {

    /** The full hash in 16 groups of 4, so a person can read it aloud and another can check it. */
    public String grouped() {
        return group(hash);
    }

    public static String group(String hash) {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < hash.length(); i += 4) {
            groups.add(hash.substring(i, Math.min(hash.length(), i + 4)));
        }
        return String.join(" ", groups);
    }
}
