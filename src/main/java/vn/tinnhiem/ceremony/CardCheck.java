package vn.tinnhiem.ceremony;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking a card back: accepted, or refused with a reason (an i18n key and its arguments, never
 * any part of the code) to show at the field.
 */
public record CardCheck(Optional<String> refusal, List<Object> args, boolean ceremonyComplete) {

    public CardCheck {
        args = List.copyOf(args);
    }

    public static CardCheck accepted(boolean complete) {
        return new CardCheck(Optional.empty(), List.of(), complete);
    }

    public static CardCheck refused(String reasonKey) {
        return new CardCheck(Optional.of(reasonKey), List.of(), false);
    }

    public static CardCheck refused(String reasonKey, List<Object> args) {
        return new CardCheck(Optional.of(reasonKey), args, false);
    }

    public boolean accepted() {
        return refusal.isEmpty();
    }
}
