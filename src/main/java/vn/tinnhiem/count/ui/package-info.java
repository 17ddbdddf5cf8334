/** The count's screens: the tally board's count, the hall's projector, and the public list of tracking codes. */
@NullMarked
package vn.tinnhiem.count.ui;

import org.jspecify.annotations.NullMarked;
