package vn.tinnhiem.audit;

import java.util.Optional;

/**
 * The result of re-hashing the whole log. When broken, names the first entry that does not hold and
 * why, as a message key of the bundles.
 */
public record ChainCheck(long entriesChecked, Optional<Long> brokenEntryId, Optional<String> reasonKey) {

    public static ChainCheck intact(long entries) {
        return new ChainCheck(entries, Optional.empty(), Optional.empty());
    }

    public static ChainCheck broken(long entries, long entryId, String reasonKey) {
        return new ChainCheck(entries, Optional.of(entryId), Optional.of(reasonKey));
    }

    public boolean isIntact() {
        return brokenEntryId.isEmpty();
    }
}
