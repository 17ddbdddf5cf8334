/**
 * The append-only, hash-chained log of every staff action, its anchors outside the database, and the
 * check that the chain is intact. Other modules call {@link vn.tinnhiem.audit.AuditLog#record} inside
 * their own transactions, {@link vn.tinnhiem.audit.AuditLog#recordRefusal} just before they throw,
 * {@link vn.tinnhiem.audit.AuditLog#anchorAfterCommit} at a step worth anchoring (a lifecycle step) and
 * {@link vn.tinnhiem.audit.AuditLog#head} for the head to print (the minutes);
 * {@link vn.tinnhiem.audit.AuditSentences} puts an entry into words for a screen or an export.
 */
@NullMarked
package vn.tinnhiem.audit;

import org.jspecify.annotations.NullMarked;
