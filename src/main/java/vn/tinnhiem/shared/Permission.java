package vn.tinnhiem.shared;

import java.util.List;

/**
 * What a service answers when a screen asks "may the signed-in person do this here, now?". A screen renders
 * the answer and never re-derives it: it hides what is {@linkplain #notYours() not this person's to do}, shows
 * what is {@linkplain #notNow(List) theirs but not possible now} with its reasons, and offers what is allowed.
 * The service still checks again when the action is taken.
 */
public record Permission(Kind kind, List<Refusal> reasons) {

    public enum Kind {
        /** The person may take the action now. */
        ALLOWED,
        /** The action is this person's to take, but not in the present state: the reasons say why. */
        NOT_NOW,
        /** The action is not this person's (another role's step, another board's seat): not shown at all. */
        NOT_YOURS
    }

    private static final Permission ALLOWED = new Permission(Kind.ALLOWED, List.of());
    private static final Permission NOT_YOURS = new Permission(Kind.NOT_YOURS, List.of());

    public Permission {
        reasons = List.copyOf(reasons);
        if ((kind == Kind.NOT_NOW) == reasons.isEmpty()) {
            throw new IllegalArgumentException("a refusal for now carries its reasons, and only it does");
        }
    }

    public static Permission allowed() {
        return ALLOWED;
    }

    public static Permission notYours() {
        return NOT_YOURS;
    }

    public static Permission notNow(List<Refusal> reasons) {
        return new Permission(Kind.NOT_NOW, reasons);
    }

    public static Permission notNow(Refusal reason) {
        return notNow(List.of(reason));
    }

    /** Allowed when there is no reason against it, otherwise refused for now with those reasons. */
    public static Permission unless(List<Refusal> reasons) {
        return reasons.isEmpty() ? ALLOWED : notNow(reasons);
    }

    public boolean isAllowed() {
        return kind == Kind.ALLOWED;
    }

    /** Whether the screen shows the action at all (allowed, or refused for now with reasons). */
    public boolean isShown() {
        return kind != Kind.NOT_YOURS;
    }
}
