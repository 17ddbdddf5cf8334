/**
 * Casting: the ballot form a kiosk shows, the check of a scanned card before the ballot, and the cast itself
 * (sealed outside any transaction, then the card spent and the sealed ballot stored in one short transaction
 * under the open-polls seam). Knows a tablet only as an opaque kiosk id: the kiosk module authorises its
 * device and depends on this one, never the other way round.
 */
@NullMarked
package vn.tinnhiem.voting;

import org.jspecify.annotations.NullMarked;
