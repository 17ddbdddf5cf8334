package vn.tinnhiem.audit;

import java.util.Optional;

/**
 * What the integrity check found when it compared the chain with one anchor line. The anchor says
 * which line of the file, when it was written and what it recorded.
 */
public record AnchorFinding(Kind kind, AuditAnchor anchor, long entriesMissing, Optional<Long> entryId) {

    public enum Kind {
        /** The log holds fewer entries than the anchor saw: its tail was cut (or an older copy restored). */
        MISSING_ENTRIES,
        /** The entry at the anchored position has another hash: the log was rewritten up to there. */
        REWRITTEN,
        /** The whole log is exactly as it was at this anchor, although later anchors saw more: an older copy. */
        OLDER_COPY,
        /** The line cannot be read as an anchor: the file was edited by hand. */
        UNREADABLE
    }

    /** The message key that names this finding, with arguments from {@link #anchor()}. */
    public String messageKey() {
        return "audit.anchor." + switch (kind) {
            case MISSING_ENTRIES -> "missing";
            case REWRITTEN -> "rewritten";
            case OLDER_COPY -> "olderCopy";
            case UNREADABLE -> "unreadable";
        };
    }
}
