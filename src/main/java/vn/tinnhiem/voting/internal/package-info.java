/** The ballot table and the per-kiosk slow-down of wrong codes. */
@NullMarked
package vn.tinnhiem.voting.internal;

import org.jspecify.annotations.NullMarked;
