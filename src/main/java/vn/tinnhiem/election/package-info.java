/**
 * Conferences (elections): details, candidates in ballot order, the voter roll and its import, the
 * tally board and its threshold k of n, the preparation checklist, and the guarded lifecycle.
 */
@NullMarked
package vn.tinnhiem.election;

import org.jspecify.annotations.NullMarked;
