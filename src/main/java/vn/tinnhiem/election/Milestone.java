package vn.tinnhiem.election;

/**
 * What another module reports to the election's lifecycle, each pinned by a SHA-256 digest (64 hex
 * characters). The lifecycle reads these records, never a bean another module provides.
 */
public enum Milestone {
    /** The key ceremony made the election key; the digest is the manifest hash (it binds the key and the lists). */
    KEY_MADE,
    /** The ballot box was sealed at the close; the digest is the box's (the list of tracking codes). */
    POLLS_CLOSED,
    /** The count is done; the digest is the results' (or the election record's). */
    COUNTED
}
