package vn.tinnhiem.shared;

import java.util.List;

/** Why a step is not allowed now: a message key and its arguments. */
public record Refusal(String key, List<Object> args) {

    public Refusal {
        args = List.copyOf(args);
    }

    public static Refusal of(String key, Object... args) {
        return new Refusal(key, List.of(args));
    }
}
