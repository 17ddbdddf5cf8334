package vn.tinnhiem.election;

/** A conference as stored. */
public record Election(long id, ElectionDetails details, ElectionStatus status, int thresholdK) {

    public String title() {
        return details.title();
    }
}
