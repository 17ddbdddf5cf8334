package vn.tinnhiem.count;

import static vn.tinnhiem.shared.files.LaptopCommand.ABORTED;
import static vn.tinnhiem.shared.files.LaptopCommand.BAD_INPUT;
import static vn.tinnhiem.shared.files.LaptopCommand.CANNOT_WRITE;
import static vn.tinnhiem.shared.files.LaptopCommand.OK;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import vn.tinnhiem.ceremony.ConsoleAnswers;
import vn.tinnhiem.ceremony.KeyFingerprint;
import vn.tinnhiem.crypto.Decryption;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.PartialDecryption;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.crypto.TellerShare;
import vn.tinnhiem.shared.files.FileNames;
import vn.tinnhiem.shared.files.LaptopCommand;
import vn.tinnhiem.shared.files.Sha256;

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

    private final LaptopCommand command;
    private final PrintStream out;
    private final PrintStream err;
    private final ConsoleAnswers answers;

    private OfflineDecryption(LaptopCommand command, PrintStream out, PrintStream err, ConsoleAnswers answers) {
        this.command = command;
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
        LaptopCommand command;
        switch (LaptopCommand.start(args, COMMAND, "count.offline", List.of("--totals", "--out"), out, err)) {
            case LaptopCommand.Exit exit -> {
                return exit.code();
            }
            case LaptopCommand.Run run -> command = run.command();
        }
        ConsoleAnswers answers = ConsoleAnswers.of(in, out);
        try {
            return new OfflineDecryption(command, out, err, answers).decrypt();
        } catch (RuntimeException e) {
            // No stack trace for the operator, and never a secret's value: only what went wrong.
            err.println(command.translate("count.offline.failed", e.getClass().getSimpleName()));
            return CANNOT_WRITE;
        }
    }

    private int decrypt() {
        // The totals, checked before any card is asked for.
        Optional<LaptopCommand.Input<EncryptedTotalsFile>> input = command.input("--totals", "--out", CountFiles.JSON,
                "Totals", EncryptedTotalsFile::read);
        if (input.isEmpty()) {
            return BAD_INPUT;
        }
        EncryptedTotalsFile totals = input.get().value();
        Path folder = input.get().folder();
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
        out.println(translate("count.offline.manifestHash", Sha256.shortForm(manifest.hashHex())));
        out.println(translate("count.offline.tallyHash", Sha256.shortForm(totals.tallyHashHex())));
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
            partial = Decryption.partial(ElectionContext.of(manifest), totals.tally(), share, LaptopCommand.strongRandom());
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
            Optional<Boolean> yes = LaptopCommand.yesOrNo(answer.get());
            if (yes.isPresent()) {
                return yes;
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

    /** The election id in a file name: ASCII letters, digits and dashes only ("42" stays "42"). */
    static String slug(String text) {
        String slug = FileNames.slug(text);
        return slug.isEmpty() ? "conference" : slug;
    }

    private String translate(String key, Object... args) {
        return command.translate(key, args);
    }
}
