package vn.tinnhiem.count;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import vn.tinnhiem.ceremony.ConsoleAnswers;
import vn.tinnhiem.ceremony.KeyFingerprint;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.crypto.TellerShare;
import vn.tinnhiem.shared.files.CommandLine;
import vn.tinnhiem.shared.files.FileResult;
import vn.tinnhiem.shared.files.InputFile;
import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.i18n.Translations;

/**
 * One teller's part of the unsealing on a laptop that has never been on a network:
 * {@code java -jar tinnhiem.jar decrypt-share --totals tinnhiem-encrypted-totals-42.json --out DIR}.
 * No Spring, no database, no network: it reads the encrypted totals the server exported, shows the
 * conference, the number of ballots, the key's fingerprint and the totals' hash for the teller to compare
 * with the console, reads the teller's share card (scanned or typed, and its passphrase if it has one),
 * makes the partial decryption with its proofs, destroys the share at once, and writes
 * {@code tinnhiem-partial-decryption-<id>-seat<i>.json}, which the server imports and checks. The share
 * never leaves this process's memory; the file holds nothing secret.
 *
 * <p>Exit codes: 0 done; 1 the output folder is not usable or the file exists already; 2 bad arguments
 * or a bad totals file; 3 stopped by the teller or the input ended (nothing written).
 */
public final class OfflineDecryption {

    public static final String COMMAND = "decrypt-share";

    public static final int OK = 0;
    public static final int CANNOT_WRITE = 1;
    public static final int BAD_INPUT = 2;
    public static final int ABORTED = 3;

    private final Locale locale;
    private final PrintStream out;
    private final PrintStream err;
    private final ConsoleAnswers answers;

    private OfflineDecryption(Locale locale, PrintStream out, PrintStream err, ConsoleAnswers answers) {
        this.locale = locale;
        this.out = out;
        this.err = err;
        this.answers = answers;
    }

    /**
     * Runs the command. {@code args} may start with "decrypt-share" (as given to the jar). Messages go to
     * {@code out}, errors to {@code err}, in Vietnamese ({@code --lang en} for English); the card and its
     * passphrase come from the console, unseen, when there is one and {@code in} is the standard input,
     * otherwise as lines of {@code in} (UTF-8), for scripts and tests.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine line = CommandLine.parse(CommandLine.after(COMMAND, args),
                Set.of("--lang", "--totals", "--out"), Set.of("--help", "-h"), 0);
        Locale locale = line.last("--lang").map(Languages::fromTag).orElse(Languages.VIETNAMESE);
        if (line.refusedArgument().isPresent()) {
            return usage(err, locale, line.refusedArgument().get());
        }
        if (line.has("--help", "-h")) {
            out.println(Translations.translate("count.offline.usage", locale));
            return OK;
        }
        Optional<String> totals = line.last("--totals");
        Optional<String> folder = line.last("--out");
        if (totals.isEmpty() || folder.isEmpty()) {
            return usage(err, locale, totals.isEmpty() ? "--totals" : "--out");
        }
        ConsoleAnswers answers = ConsoleAnswers.of(in, out);
        try {
            return new OfflineDecryption(locale, out, err, answers).decrypt(totals.get(), folder.get());
        } catch (RuntimeException e) {
            // No stack trace for the operator, and never a secret's value: only what went wrong.
            err.println(Translations.translate("count.offline.failed", locale, e.getClass().getSimpleName()));
            return CANNOT_WRITE;
        }
    }

    private static int usage(PrintStream err, Locale locale, String argument) {
        err.println(Translations.translate("count.offline.badArgument", locale, argument));
        err.println(Translations.translate("count.offline.usage", locale));
        return BAD_INPUT;
    }

    private int decrypt(String totalsArg, String folderArg) {
        Path totalsFile;
        Path folder;
        try {
            totalsFile = Path.of(totalsArg);
            folder = Path.of(folderArg);
        } catch (InvalidPathException e) {
            err.println(translate("count.offline.badArgument", e.getInput()));
            return BAD_INPUT;
        }

        // The totals, checked before any card is asked for.
        byte[] bytes;
        switch (InputFile.read(totalsFile, CountFiles.MAX_BYTES)) {
            case InputFile.Read read -> bytes = read.bytes();
            case InputFile.TooLarge tooLarge -> {
                // Refused without reading it: no conference's totals come near this size.
                err.println(translate("count.offline.badTotals", totalsFile,
                        CountFiles.JSON.tooLarge(tooLarge.size()).message(locale)));
                return BAD_INPUT;
            }
            case InputFile.Missing missing -> {
                err.println(translate("count.offline.noTotals", totalsFile));
                return BAD_INPUT;
            }
            case InputFile.Unreadable unreadable -> {
                err.println(translate("count.offline.unreadable", totalsFile, unreadable.why()));
                return BAD_INPUT;
            }
        }
        EncryptedTotalsFile totals;
        switch (EncryptedTotalsFile.read(bytes)) {
            case FileResult.Ok<EncryptedTotalsFile> ok -> totals = ok.value();
            case FileResult.Refused<EncryptedTotalsFile> refused -> {
                err.println(translate("count.offline.badTotals", totalsFile, refused.message(locale)));
                return BAD_INPUT;
            }
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            err.println(translate("count.offline.notAFolder", folder));
            return CANNOT_WRITE;
        }

        // What the teller compares with the console before their card comes out of its envelope.
        Manifest manifest = totals.manifest();
        out.println(translate("count.offline.conference", manifest.title(), manifest.electionId()));
        out.println(translate("count.offline.totals", totals.tally().ballots(), manifest.candidateCount(),
                manifest.k(), manifest.n()));
        out.println(translate("count.offline.fingerprint", KeyFingerprint.of(manifest.electionKey())));
        out.println(translate("count.offline.manifestHash", shortHash(manifest.hashHex())));
        out.println(translate("count.offline.tallyHash", shortHash(totals.tallyHashHex())));
        Optional<Boolean> confirmed = confirm();
        if (confirmed.isEmpty()) {
            err.println(translate("count.offline.inputEnded"));
            return ABORTED;
        }
        if (!confirmed.get()) {
            err.println(translate("count.offline.declined"));
            return ABORTED;
        }

        out.println();
        Optional<TellerShare> read = readCard(manifest);
        if (read.isEmpty()) {
            err.println(translate("count.offline.inputEnded"));
            return ABORTED;
        }
        TellerShare share = read.get();
        Path file = folder.resolve(PartialDecryptionFile.fileName(manifest.electionId(), share.index()));
        PartialDecryption partial;
        try {
            if (Files.exists(file)) {
                err.println(translate("count.offline.exists", file.getFileName(), folder));
                return CANNOT_WRITE;
            }
            out.println(translate("count.offline.cardAccepted", share.index(), manifest.n()));
            out.println(translate("count.offline.computing", totals.tally().entries().size()));
            partial = Decryption.partial(ElectionContext.of(manifest), totals.tally(), share, strongRandom());
        } finally {
            share.destroy();
        }
        out.println(translate("count.offline.shareForgotten"));
        // The laptop checks its own proofs before anything leaves it: a fault here must not reach the hall.
        if (!Decryption.check(ElectionContext.of(manifest), totals.tally(), partial).isEmpty()) {
            err.println(translate("count.offline.failed", "proof"));
            return CANNOT_WRITE;
        }
        try {
            Files.createDirectories(folder);
            Files.write(file, PartialDecryptionFile.write(totals, partial), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            err.println(translate("count.offline.exists", file.getFileName(), folder));
            return CANNOT_WRITE;
        } catch (IOException e) {
            err.println(translate("count.offline.cannotWrite", folder, e.getClass().getSimpleName()));
            return CANNOT_WRITE;
        }
        out.println(translate("count.offline.written", file.getFileName()));
        out.println();
        out.println(translate("count.offline.done", file.getFileName(), folder.toAbsolutePath()));
        return OK;
    }

    /** Yes, no, or empty when the answers ran out. */
    private Optional<Boolean> confirm() {
        while (true) {
            Optional<char[]> answer = answers.line(translate("count.offline.confirm"));
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            String a = Normalizer.normalize(new String(answer.get()).strip(), Normalizer.Form.NFC)
                    .toLowerCase(Locale.ROOT);
            if (List.of("c", "có", "co", "y", "yes").contains(a)) {
                return Optional.of(true);
            }
            if (List.of("k", "không", "khong", "n", "no").contains(a)) {
                return Optional.of(false);
            }
            out.println(translate("count.offline.answerAgain"));
        }
    }

    /**
     * The teller's share from their card, asked again after each refusal (the reason said plainly), or
     * empty when the teller stops (an empty line) or the answers run out. The card's text is read unseen:
     * it is the share itself. (It becomes a String for the card reader, which cannot be wiped; it is
     * dropped at once.)
     */
    private Optional<TellerShare> readCard(Manifest manifest) {
        while (true) {
            Optional<char[]> typed = answers.secret(translate("count.offline.askCard"));
            if (typed.isEmpty()) {
                return Optional.empty();
            }
            String text = new String(typed.get()).strip();
            Arrays.fill(typed.get(), '\0');
            if (text.isEmpty()) {
                return Optional.empty();
            }
            boolean wrapped = ShareCards.needsPassphrase(text);
            while (true) {
                char @Nullable [] passphrase = null;
                if (wrapped) {
                    Optional<char[]> p = answers.secret(translate("count.offline.askPassphrase"));
                    if (p.isEmpty()) {
                        return Optional.empty();
                    }
                    if (p.get().length == 0) {
                        break; // back to the card
                    }
                    passphrase = p.get();
                }
                ShareCards.Result result;
                try {
                    result = ShareCards.read(text, manifest, passphrase);
                } finally {
                    if (passphrase != null) {
                        Arrays.fill(passphrase, '\0');
                    }
                }
                if (result instanceof ShareCards.Accepted accepted) {
                    return Optional.of(accepted.share());
                }
                ShareCards.Reason reason = ((ShareCards.Rejected) result).reason();
                out.println(translate("count.offline.cardRefused", translate("count.offline.card." + reason.name())));
                if (reason != ShareCards.Reason.WRONG_PASSPHRASE) {
                    break;
                }
            }
        }
    }

    /** The first 16 hex characters in groups of four, as on the cards and the console. */
    static String shortHash(String hashHex) {
        String h = hashHex.substring(0, Math.min(16, hashHex.length()));
        StringBuilder out = new StringBuilder(19);
        for (int i = 0; i < h.length(); i += 4) {
            out.append(i > 0 ? " " : "").append(h, i, Math.min(h.length(), i + 4));
        }
        return out.toString();
    }

    /** The election id in a file name: ASCII letters, digits and dashes only ("42" stays "42"). */
    static String slug(String text) {
        String ascii = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        slug = slug.length() > 40 ? slug.substring(0, 40).replaceAll("-+$", "") : slug;
        return slug.isEmpty() ? "conference" : slug;
    }

    /** A DRBG (NIST SP 800-90A) at 256 bits, reseeded from the system's entropy before every output. */
    private static SecureRandom strongRandom() {
        try {
            return SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.PR_AND_RESEED, null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String translate(String key, Object... args) {
        return Translations.translate(key, locale, args);
    }
}
