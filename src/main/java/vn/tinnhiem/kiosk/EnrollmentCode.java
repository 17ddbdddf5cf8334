package vn.tinnhiem.kiosk;

import java.time.Instant;

/**
 * A one-time enrollment code (128 random bits, 26 base32 characters) for the tablet, shown once as a QR
 * and as text; only its hash is stored. The tablet opens {@link #path()} on the hall server before
 * {@code expiresAt}.
 */
public record EnrollmentCode(Kiosk kiosk, String code, Instant expiresAt) {

    /** The path a tablet opens to enroll, to be put after the server's address (https://192.168.1.10). */
    public String path() {
        return "/kiosk/enroll/" + code;
    }
}
