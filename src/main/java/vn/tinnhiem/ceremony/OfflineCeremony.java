package vn.tinnhiem.ceremony;

import static vn.tinnhiem.shared.files.LaptopCommand.ABORTED;
import static vn.tinnhiem.shared.files.LaptopCommand.BAD_INPUT;
import static vn.tinnhiem.shared.files.LaptopCommand.CANNOT_WRITE;
import static vn.tinnhiem.shared.files.LaptopCommand.OK;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import vn.tinnhiem.ceremony.internal.CeremonyFiles;
import vn.tinnhiem.crypto.Ceremony;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.shared.files.FileNames;
import vn.tinnhiem.shared.files.LaptopCommand;
import vn.tinnhiem.shared.files.Sha256;

/**
 * The key ceremony on a laptop that has never been on a network:
 * {@code java -jar tinnhiem.jar ceremony --request tinnhiem-ceremony-request-42.json --out DIR}.
 * No Spring, no database, no network: it reads the request the server exported, deals k of n, asks
 * each teller whether they want a passphrase, and writes one share card PDF per seat and the public
 * election key file the server imports. The secrets live only in this process's memory and on the
 * cards; the dealing is destroyed and the passphrases wiped before it ends.
 *
 * <p>Exit codes: 0 done; 1 the output folder is not usable (not empty, not writable); 2 bad arguments
 * or a bad request file; 3 the answers ended before every teller had answered (nothing written).
 */
public final class OfflineCeremony {

    private final LaptopCommand command;
    private final PrintStream out;
    private final ConsoleAnswers answers;

    private OfflineCeremony(LaptopCommand command, PrintStream out, ConsoleAnswers answers) {
        this.command = command;
        this.out = out;
        this.answers = answers;
    }

    /**
     * Runs the command. {@code args} may start with "ceremony" (as given to the jar). Messages go to
     * {@code out}, errors to {@code err}, in Vietnamese ({@code --lang en} for English); answers and
     * passphrases come from the console when there is one and {@code in} is the standard input,
     * otherwise as lines of {@code in} (UTF-8), for scripts and tests.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        LaptopCommand command;
        switch (LaptopCommand.start(args, "ceremony", "ceremony.offline", List.of("--request", "--out"), out, err,
                CardPassphrase.MIN_LENGTH)) {
            case LaptopCommand.Exit exit -> {
                return exit.code();
            }
            case LaptopCommand.Run run -> command = run.command();
        }
        ConsoleAnswers answers = ConsoleAnswers.of(in, out);
        try {
            return new OfflineCeremony(command, out, answers).ceremony(err);
        } catch (RuntimeException e) {
            // No stack trace for the operator, and never the secrets' values: only what went wrong.
            err.println(command.translate("ceremony.offline.failed", e.getClass().getSimpleName()));
            return CANNOT_WRITE;
        }
    }

    private int ceremony(PrintStream err) {
        // The request, checked before anything is made.
        Optional<LaptopCommand.Input<CeremonyRequest>> input = command.input("--request", "--out",
                CeremonyFiles.JSON, "Request", CeremonyRequest::parse);
        if (input.isEmpty()) {
            return BAD_INPUT;
        }
        CeremonyRequest request = input.get().value();
        Path folder = input.get().folder();

        // The folder: new or empty, so no earlier card is mistaken for one of this ceremony.
        Optional<String> folderProblem = folderProblem(folder);
        if (folderProblem.isPresent()) {
            err.println(folderProblem.get());
            return CANNOT_WRITE;
        }

        out.println(translate("ceremony.offline.conference", request.title(), request.electionId()));
        out.println(translate("ceremony.offline.board", request.n(), request.k()));

        SecureRandom rng = LaptopCommand.strongRandom();
        List<char @Nullable []> passphrases = new ArrayList<>();
        try (Ceremony.Dealing dealing = Ceremony.deal(request.k(), request.n(), rng)) {
            Manifest manifest = request.manifest(dealing.electionKey(), dealing.commitments());
            out.println(translate("ceremony.offline.dealt"));
            out.println(translate("ceremony.offline.manifestHash", Sha256.shortForm(manifest.hashHex())));
            out.println(translate("ceremony.offline.fingerprint", KeyFingerprint.of(manifest.electionKey())));

            for (CeremonyRequest.Seat seat : request.tellers()) {
                out.println();
                out.println(translate("ceremony.offline.seat", seat.seat(), request.n(), seat.name(),
                        translate(seat.head() ? "ceremony.card.head" : "ceremony.card.member")));
                Optional<char[]> chosen = askPassphrase();
                if (chosen.isEmpty()) {
                    err.println(translate("ceremony.offline.inputEnded"));
                    return ABORTED;
                }
                passphrases.add(chosen.get().length == 0 ? null : chosen.get());
            }

            out.println();
            out.println(translate("ceremony.offline.writing"));
            List<String> cards = dealing.cards(manifest.hash(), passphrases, rng);
            createOwnersOnlyFolder(folder);
            for (CeremonyRequest.Seat seat : request.tellers()) {
                CardFace face = request.face(seat, manifest, passphrases.get(seat.seat() - 1) != null);
                byte[] pdf = ShareCardPdf.render(face, cards.get(seat.seat() - 1));
                try {
                    writeOwnersOnly(folder.resolve(cardFileName(seat)), pdf);
                } finally {
                    Arrays.fill(pdf, (byte) 0);
                }
            }
            write(folder.resolve(keyFileName(request.electionId())), ElectionKeyFile.of(manifest).toJsonBytes());
            out.println();
            out.println(translate("ceremony.offline.done", keyFileName(request.electionId()), folder.toAbsolutePath(),
                    KeyFingerprint.of(manifest.electionKey())));
            return OK;
        } catch (IOException e) {
            err.println(translate("ceremony.offline.cannotWrite", folder, e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
            return CANNOT_WRITE;
        } finally {
            for (char[] p : passphrases) {
                if (p != null) {
                    Arrays.fill(p, '\0');
                }
            }
        }
    }

    /**
     * One teller's choice: an empty array for no passphrase, the passphrase (checked and typed twice),
     * or empty when the answers ran out.
     */
    private Optional<char[]> askPassphrase() {
        while (true) {
            Optional<char[]> answer = answers.line(translate("ceremony.offline.askPassphrase"));
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            Optional<Boolean> yes = LaptopCommand.yesOrNo(answer.get());
            if (yes.isPresent() && !yes.get()) {
                out.println(translate("ceremony.offline.noPassphrase"));
                return Optional.of(new char[0]);
            }
            if (yes.isEmpty()) {
                out.println(translate("ceremony.offline.answerAgain"));
                continue;
            }
            while (true) {
                Optional<char[]> first = answers.secret(translate("ceremony.offline.enterPassphrase",
                        CardPassphrase.MIN_LENGTH));
                if (first.isEmpty()) {
                    return Optional.empty();
                }
                Optional<String> problem = CardPassphrase.problem(first.get());
                if (problem.isPresent()) {
                    Arrays.fill(first.get(), '\0');
                    out.println(translate(problem.get(), CardPassphrase.MIN_LENGTH));
                    continue;
                }
                Optional<char[]> second = answers.secret(translate("ceremony.offline.repeatPassphrase"));
                if (second.isEmpty()) {
                    Arrays.fill(first.get(), '\0');
                    return Optional.empty();
                }
                boolean same = Arrays.equals(first.get(), second.get());
                Arrays.fill(second.get(), '\0');
                if (!same) {
                    Arrays.fill(first.get(), '\0');
                    out.println(translate("ceremony.offline.passphraseMismatch"));
                    continue;
                }
                out.println(translate("ceremony.offline.passphraseSet"));
                return Optional.of(first.get());
            }
        }
    }

    private Optional<String> folderProblem(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            return Optional.of(translate("ceremony.offline.notAFolder", folder));
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    return Optional.of(translate("ceremony.offline.folderNotEmpty", folder));
                }
            } catch (IOException e) {
                return Optional.of(translate("ceremony.offline.cannotWrite", folder, e.getClass().getSimpleName()));
            }
        }
        return Optional.empty();
    }

    /** Writes a new file; an existing one is never replaced. */
    private void write(Path file, byte[] content) throws IOException {
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        out.println(translate("ceremony.offline.written", file.getFileName()));
    }

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    /**
     * A share card: created readable by its owner only (0600) in the same call that creates it, so no other
     * local user can open it even between its creation and its first byte (a chmod afterwards would leave that
     * window). On a file system without POSIX permissions (a FAT USB stick) the mount decides, as it does for
     * every file on it.
     */
    private void writeOwnersOnly(Path file, byte[] content) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (SeekableByteChannel channel = posix(file.getParent())
                ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.newByteChannel(file, options)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        out.println(translate("ceremony.offline.written", file.getFileName()));
    }

    /** The cards' folder, if this run creates it: 0700 (and any parent it creates with it). */
    static void createOwnersOnlyFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Path existing = folder.toAbsolutePath().getParent();
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && posix(existing)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
        } else {
            Files.createDirectories(folder);
        }
    }

    private static boolean posix(Path existingFolder) throws IOException {
        return Files.getFileStore(existingFolder).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    /** "card-seat-1-tran-van-khai.pdf": ASCII, so any printer's computer and USB stick take it. */
    static String cardFileName(CeremonyRequest.Seat seat) {
        String slug = FileNames.slug(seat.name());
        return "card-seat-" + seat.seat() + (slug.isEmpty() ? "" : "-" + slug) + ".pdf";
    }

    static String keyFileName(String electionId) {
        String slug = FileNames.slug(electionId);
        return "tinnhiem-election-key-" + (slug.isEmpty() ? "conference" : slug) + ".json";
    }

    private String translate(String key, Object... args) {
        return command.translate(key, args);
    }

}
