/**
 * The count: closing the polls, checking the ballot box, unsealing, results and documents.
 */
@NullMarked
package vn.tinnhiem.count;

import org.jspecify.annotations.NullMarked;
