/**
 * One-time voting cards: printing (a 128-bit token per card, stored only as a keyed hash), activation and
 * voiding at the desk, and the spend that a cast makes under the election's open-polls seam.
 */
@NullMarked
package vn.tinnhiem.token;

import org.jspecify.annotations.NullMarked;
