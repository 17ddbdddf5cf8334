package vn.tinnhiem.ceremony;

import java.util.Optional;

/**
 * The outcome of checking a card back: accepted, or refused with a reason (an i18n key) to show at the field.
 */
public record CardCheck(Optional<String> refusal, boolean ceremonyComplete) {

    public static CardCheck accepted(boolean complete) {
        return new CardCheck(Optional.empty(), complete);
    }

    public static CardCheck refused(String reasonKey) {
        return new CardCheck(Optional.of(reasonKey), false);
    }

    public boolean accepted() {
        return refusal.isEmpty();
    }
}
