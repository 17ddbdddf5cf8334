/**
 * The count: closing the polls, checking the ballot box, unsealing with the tellers' cards, the
 * results under the conference's rule set, and the documents that carry them (minutes, report,
 * each candidate's page, the table as a spreadsheet).
 */
@NullMarked
package vn.tinnhiem.count;

import org.jspecify.annotations.NullMarked;
