package vn.tinnhiem.shared.files;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.i18n.Translations;

/**
 * What the offline laptop's commands ({@code ceremony}, {@code decrypt-share}) share: their arguments
 * ({@code --lang}, {@code --help}, the options each needs), the language of every line they print, the usage
 * on a wrong argument, the input file named on the command line, a yes or no typed by a person, and the
 * strong random source. Each command's messages are under one prefix ({@code ceremony.offline},
 * {@code count.offline}): {@code .usage}, {@code .badArgument}, {@code .unreadable}, and {@code .bad<What>}
 * and {@code .no<What>} for its input file.
 *
 * @param locale the language asked for ({@code --lang en}), Vietnamese otherwise
 * @param line the arguments as read
 * @param messages the prefix of the command's message keys
 * @param err where errors go
 */
public record LaptopCommand(Locale locale, CommandLine line, String messages, PrintStream err) {

    // The exit codes both commands end with.
    /** Done. */
    public static final int OK = 0;
    /** The output folder is not usable (not empty, not writable), or the file exists already. */
    public static final int CANNOT_WRITE = 1;
    /** Bad arguments, or a bad input file. */
    public static final int BAD_INPUT = 2;
    /** Stopped by the person at the laptop, or the answers ended: nothing written. */
    public static final int ABORTED = 3;

    /** How the start ended: the command may run, or it has already said why not (or its usage) and exits. */
    public sealed interface Start {
    }

    public record Run(LaptopCommand command) implements Start {
    }

    public record Exit(int code) implements Start {
    }

    /**
     * Reads the arguments (after the command's own name) and prints the usage when they ask for it
     * ({@code --help}) or are wrong; every option in {@code required} must be given.
     *
     * @param usageArgs the arguments of the usage message
     */
    public static Start start(String[] args, String command, String messages, List<String> required,
            PrintStream out, PrintStream err, Object... usageArgs) {
        Set<String> options = new HashSet<>(required);
        options.add("--lang");
        CommandLine line = CommandLine.parse(CommandLine.after(command, args), options, Set.of("--help", "-h"), 0);
        Locale locale = line.last("--lang").map(Languages::fromTag).orElse(Languages.VIETNAMESE);
        LaptopCommand c = new LaptopCommand(locale, line, messages, err);
        if (line.refusedArgument().isPresent()) {
            return c.usage(line.refusedArgument().get(), usageArgs);
        }
        if (line.has("--help", "-h")) {
            out.println(Translations.translate(messages + ".usage", locale, usageArgs));
            return new Exit(OK);
        }
        for (String option : required) {
            if (line.last(option).isEmpty()) {
                return c.usage(option, usageArgs);
            }
        }
        return new Run(c);
    }

    private Exit usage(String argument, Object... usageArgs) {
        err.println(translate(messages + ".badArgument", argument));
        err.println(translate(messages + ".usage", usageArgs));
        return new Exit(BAD_INPUT);
    }

    /** The input file, read and accepted, and the output folder the command writes to. */
    public record Input<T>(Path file, T value, Path folder) {
    }

    /**
     * The file {@code fileOption} names, read (one larger than {@code json} takes is refused unread) and parsed,
     * and the folder {@code folderOption} names; or empty after saying why not: not a path
     * ({@code .badArgument}), missing ({@code .no<What>}), unreadable, too large or refused ({@code .bad<What>}).
     */
    public <T> Optional<Input<T>> input(String fileOption, String folderOption, StrictJson json, String what,
            Function<byte[], FileResult<T>> parse) {
        Path file;
        Path folder;
        try {
            file = Path.of(line.last(fileOption).orElseThrow());
            folder = Path.of(line.last(folderOption).orElseThrow());
        } catch (InvalidPathException e) {
            err.println(translate(messages + ".badArgument", e.getInput()));
            return Optional.empty();
        }
        @Nullable FileResult<T> parsed = switch (InputFile.read(file, json.maxBytes())) {
            case InputFile.Read read -> parse.apply(read.bytes());
            case InputFile.TooLarge tooLarge -> json.tooLarge(tooLarge.size());
            case InputFile.Missing missing -> {
                err.println(translate(messages + ".no" + what, file));
                yield null;
            }
            case InputFile.Unreadable unreadable -> {
                err.println(translate(messages + ".unreadable", file, unreadable.why()));
                yield null;
            }
        };
        return switch (parsed) {
            case null -> Optional.empty();
            case FileResult.Ok<T> ok -> Optional.of(new Input<>(file, ok.value(), folder));
            case FileResult.Refused<T> refused -> {
                err.println(translate(messages + ".bad" + what, file, refused.message(locale)));
                yield Optional.empty();
            }
        };
    }

    public String translate(String key, Object... args) {
        return Translations.translate(key, locale, args);
    }

    /** Yes ("c", "có", "y", "yes"), no ("k", "không", "n", "no"), any case, or empty for anything else. */
    public static Optional<Boolean> yesOrNo(char[] answer) {
        String a = Normalizer.normalize(new String(answer).strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (List.of("c", "có", "co", "y", "yes").contains(a)) {
            return Optional.of(true);
        }
        if (List.of("k", "không", "khong", "n", "no").contains(a)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** A DRBG (NIST SP 800-90A) at 256 bits, reseeded from the system's entropy before every output. */
    public static SecureRandom strongRandom() {
        try {
            return SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.PR_AND_RESEED, null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
