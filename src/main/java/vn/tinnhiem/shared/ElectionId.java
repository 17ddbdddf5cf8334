package vn.tinnhiem.shared;

/**
 * A conference's id as its own type, so that a conference id cannot be passed where a voter's, a teller's or a
 * candidate's is expected. Services take it; repositories unwrap it at the jOOQ edge.
 */
public record ElectionId(long value) {

    public static ElectionId of(long value) {
        return new ElectionId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
