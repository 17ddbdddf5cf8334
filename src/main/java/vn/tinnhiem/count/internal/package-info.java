/** The count's tables (V12): the close, the verdict on the ballot box, the partial decryptions, the totals. */
@NullMarked
package vn.tinnhiem.count.internal;

import org.jspecify.annotations.NullMarked;
