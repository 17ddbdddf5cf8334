/**
 * The append-only, hash-chained log of every staff action, and the check that the chain is intact.
 * Other modules call {@link vn.tinnhiem.audit.AuditLog#record} inside their own transactions.
 */
@NullMarked
package vn.tinnhiem.audit;

import org.jspecify.annotations.NullMarked;
