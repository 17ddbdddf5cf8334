package vn.tinnhiem.election;

import java.util.Set;

/** Where a conference is in its life. Only DRAFT may be edited. */
public enum ElectionStatus {
    DRAFT, READY, OPEN, CLOSED, TALLIED;

    /** The moves the lifecycle allows at all; whether one is allowed now is {@link LifecycleRules}' call. */
    public Set<ElectionStatus> next() {
        return switch (this) {
            case DRAFT -> Set.of(READY);
            case READY -> Set.of(DRAFT, OPEN);
            case OPEN -> Set.of(CLOSED);
            case CLOSED -> Set.of(TALLIED);
            case TALLIED -> Set.of();
        };
    }

    public boolean isEditable() {
        return this == DRAFT;
    }
}
