/**
 * Casting: the ballot form (and manifest) a kiosk shows, the check of a scanned card before the ballot, the
 * commitment of the ballot the tablet sealed (every proof checked before anything is spent), then either the cast
 * (the card spent and the sealed ballot stored in one short transaction under the open-polls seam) or the check of
 * the tablet (the ballot opened and kept as a checked ballot, the card not spent). No type here holds a choice. Knows a tablet only as an opaque kiosk id: the kiosk module authorises its
 * device and depends on this one, never the other way round.
 */
@NullMarked
package vn.tinnhiem.voting;

import org.jspecify.annotations.NullMarked;
