package vn.tinnhiem.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of re-hashing the whole log and comparing it with every anchor kept outside the database.
 * When the chain itself is broken, names the first entry that does not hold and why (a message key of
 * the bundles); every anchor the log contradicts is a finding.
 *
 * @param head the newest point of the chain as the check walked it (entries and the last hash)
 * @param anchorFile whether the anchor file was there to compare against
 * @param anchorFilePath where the anchor file is, to name it
 * @param anchorsChecked how many anchor lines were compared
 * @param firstAnchorAt when the oldest anchor was written: anchors older than the file cannot vouch for anything
 */
public record ChainCheck(long entriesChecked, Optional<Long> brokenEntryId, Optional<String> reasonKey, AuditHead head,
        AnchorFileState anchorFile, String anchorFilePath, int anchorsChecked, Optional<Instant> firstAnchorAt, List<AnchorFinding> findings) {

    public enum AnchorFileState {
        PRESENT, MISSING, UNREADABLE
    }

    /** The chain holds from the first entry to the head, and no anchor contradicts it. */
    public boolean isIntact() {
        return reasonKey.isEmpty() && findings.isEmpty();
    }
}
