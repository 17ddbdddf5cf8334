/**
 * The key ceremony: the election key made k of n, one share card per seat of the tally board, each card
 * checked back before the conference may open; or the same ceremony on an offline laptop, of which the
 * server imports only the public part. The server keeps K and the commitments, never a share.
 */
@NullMarked
package vn.tinnhiem.ceremony;

import org.jspecify.annotations.NullMarked;
