package vn.tinnhiem.election;

import vn.tinnhiem.shared.ElectionId;

/** A conference as stored. */
public record Election(ElectionId id, ElectionDetails details, ElectionStatus status, int thresholdK) {

    public String title() {
        return details.title();
    }
}
