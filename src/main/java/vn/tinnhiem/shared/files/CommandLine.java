package vn.tinnhiem.shared.files;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The arguments of a command run from the jar ({@code ceremony}, {@code decrypt-share}, {@code verify}), read
 * left to right: an option that takes a value ({@code --out DIR}), a flag ({@code --help}), up to so many
 * plain arguments (a file). Reading stops at the first argument it does not understand, an option without
 * its value included, so what was read before it (the language of the error message) is still known.
 *
 * @param options every value of each option, in the order given (the last one wins where only one counts)
 * @param flags the flags given
 * @param plain the plain arguments
 * @param refused the first argument not understood, or null when all were
 */
public record CommandLine(Map<String, List<String>> options, Set<String> flags, List<String> plain,
        @Nullable String refused) {

    public CommandLine {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        options.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        options = java.util.Collections.unmodifiableMap(copy);
        flags = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(flags));
        plain = List.copyOf(plain);
    }

    /**
     * Reads {@code args}.
     *
     * @param withValue the options followed by a value
     * @param flagNames the options that stand alone
     * @param maxPlain how many plain arguments (not starting with {@code --}) are taken
     */
    public static CommandLine parse(List<String> args, Set<String> withValue, Set<String> flagNames, int maxPlain) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        List<String> plain = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (flagNames.contains(a)) {
                flags.add(a);
            } else if (withValue.contains(a) && i + 1 < args.size()) {
                options.computeIfAbsent(a, k -> new ArrayList<>()).add(args.get(++i));
            } else if (!withValue.contains(a) && plain.size() < maxPlain && !a.startsWith("--")) {
                plain.add(a);
            } else {
                return new CommandLine(options, flags, plain, a);
            }
        }
        return new CommandLine(options, flags, plain, null);
    }

    /** The arguments after the command's own name, when they start with it (as the jar passes them). */
    public static List<String> after(String command, String[] args) {
        List<String> rest = Arrays.asList(args);
        return !rest.isEmpty() && rest.get(0).equals(command) ? rest.subList(1, rest.size()) : rest;
    }

    /** The first argument not understood. */
    public Optional<String> refusedArgument() {
        return Optional.ofNullable(refused);
    }

    /** The option's last value. */
    public Optional<String> last(String option) {
        List<String> values = options.getOrDefault(option, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** Every value of the option, in the order given. */
    public List<String> all(String option) {
        return options.getOrDefault(option, List.of());
    }

    /** Whether any of these flags was given. */
    public boolean has(String... names) {
        return Arrays.stream(names).anyMatch(flags::contains);
    }
}
