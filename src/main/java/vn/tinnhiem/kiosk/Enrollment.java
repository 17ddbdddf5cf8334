package vn.tinnhiem.kiosk;

/** A tablet just enrolled, and its credential (256 random bits), to be set once as its cookie. */
public record Enrollment(Kiosk kiosk, String credential) {

    @Override
    public String toString() {
        // A record's toString would print the credential into any log that prints the enrollment.
        return "Enrollment[" + kiosk + "]";
    }
}
