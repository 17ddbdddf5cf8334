package vn.tinnhiem.crypto;

/** A byte or text encoding of a point, scalar or structure was rejected. Carries no secret. */
public final class InvalidEncodingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidEncodingException(String message) {
        super(message);
    }
}
