/**
 * Enrolled tablets (kiosks): enrollment by a one-time code shown as a QR, the kiosk's own long-lived
 * credential (a cookie, never a staff session), revocation, last contact, and the kiosk page's shell.
 */
@NullMarked
package vn.tinnhiem.kiosk;

import org.jspecify.annotations.NullMarked;
