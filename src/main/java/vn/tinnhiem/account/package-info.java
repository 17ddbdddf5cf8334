/**
 * Staff accounts (ADMIN organiser, TELLER tally board, SUPERVISOR), sign-in with throttling,
 * Argon2id password hashes, the first administrator and the forced password change.
 */
@NullMarked
package vn.tinnhiem.account;

import org.jspecify.annotations.NullMarked;
