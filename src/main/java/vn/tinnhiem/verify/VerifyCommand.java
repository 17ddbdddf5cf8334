package vn.tinnhiem.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

import vn.tinnhiem.shared.files.CommandLine;

/**
 * {@code java -jar tinnhiem.jar verify [--lang vi|en] FILE}: checks an election record and prints one line per
 * check, "✔ name: detail" or "✘ name: reason". Without {@code --lang} each line is in Vietnamese, then
 * " / " and English. Exit status: 0 every check holds, 1 a check fails (a file that is not a record
 * included), 2 the file cannot be read from disk or the arguments are wrong.
 */
public final class VerifyCommand {
    private VerifyCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        // The first argument is the command's name, whatever it is.
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        CommandLine line = CommandLine.parse(rest, Set.of("--lang"), Set.of(), 1);
        if (line.refusedArgument().isPresent() || line.plain().isEmpty()) {
            return usage(err);
        }
        List<ResourceBundle> langs = new ArrayList<>();
        for (String l : line.all("--lang")) {
            if (!l.equals("vi") && !l.equals("en")) {
                return usage(err);
            }
            langs.add(bundle(l));
        }
        String path = line.plain().get(0);
        if (langs.isEmpty()) {
            langs = List.of(bundle("vi"), bundle("en"));
        }
        ByteBuffer bytes;
        // Mapped, not read onto the heap: the file's pages are the operating system's to keep or drop, so a
        // 500 MB record costs the heap only what the checks keep of it.
        try (FileChannel channel = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new IOException("larger than 2 GB");
            }
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (IOException | RuntimeException e) {
            out.println("✘ " + both(langs, b -> fmt(b, "verify.cli.unreadable", path)));
            return 2;
        }
        List<ResourceBundle> ls = langs;
        out.println(both(ls, b -> fmt(b, "verify.cli.start", path, bytes.limit())));
        List<RecordVerifier.Check> checks = new RecordVerifier().verify(bytes, (name, done, total) -> {
            out.println("… " + both(ls, b -> fmt(b, "verify.cli.progress", done, total)));
            out.flush();
        });
        for (RecordVerifier.Check c : checks) {
            out.println((c.holds() ? "✔ " : "✘ ") + both(ls, b -> c.title(b) + ": " + c.detail(b)));
        }
        boolean ok = RecordVerifier.allHold(checks);
        out.println(both(ls, b -> b.getString(ok ? "verify.verdict.holds" : "verify.verdict.fails")));
        out.flush();
        return ok ? 0 : 1;
    }

    private static String fmt(ResourceBundle b, String key, Object... args) {
        Object[] texts = java.util.Arrays.stream(args).map(String::valueOf).toArray();
        return java.text.MessageFormat.format(b.getString(key), texts);
    }

    private static ResourceBundle bundle(String lang) {
        return RecordVerifier.bundle(lang.equals("en") ? Locale.ENGLISH : Locale.ROOT);
    }

    private static String both(List<ResourceBundle> langs, java.util.function.Function<ResourceBundle, String> f) {
        return String.join(" / ", langs.stream().map(f).toList());
    }

    private static int usage(PrintStream err) {
        err.println("usage: java -jar tinnhiem.jar verify [--lang vi|en] FILE");
        return 2;
    }
}
