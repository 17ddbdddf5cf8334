package vn.tinnhiem.ceremony;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a teller's answers come from on the offline laptop (the ceremony, the partial decryption): the
 * console when there is one (secrets read unseen), otherwise lines of a stream, for scripts and tests. Lines
 * are char arrays, wiped by the caller.
 */
public interface ConsoleAnswers {

    /** The terminal when {@code in} is the standard input of a person's terminal, else the lines of {@code in}. */
    static ConsoleAnswers of(InputStream in, PrintStream out) {
        return in == System.in && terminal() ? new OfConsole(System.console())
                : new OfStream(new InputStreamReader(in, StandardCharsets.UTF_8), out);
    }

    /** A line typed in the open, or empty at the end of the input. */
    Optional<char[]> line(String prompt);

    /** A line typed unseen, or empty at the end of the input. */
    Optional<char[]> secret(String prompt);

    /** Whether the standard streams are a person's terminal (on JDK 22+ a Console exists for pipes too). */
    private static boolean terminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before JDK 22 a Console exists only for a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    final class OfConsole implements ConsoleAnswers {
        private final Console console;

        OfConsole(Console console) {
            this.console = console;
        }

        @Override
        public Optional<char[]> line(String prompt) {
            String s = console.readLine("%s", prompt);
            return s == null ? Optional.empty() : Optional.of(s.toCharArray());
        }

        @Override
        public Optional<char[]> secret(String prompt) {
            return Optional.ofNullable(console.readPassword("%s", prompt));
        }
    }

    /** Lines of a stream, read into char arrays rather than Strings. */
    final class OfStream implements ConsoleAnswers {
        private final Reader reader;
        private final PrintStream out;

        OfStream(Reader reader, PrintStream out) {
            this.reader = reader;
            this.out = out;
        }

        @Override
        public Optional<char[]> line(String prompt) {
            out.print(prompt);
            out.flush();
            try {
                char[] buffer = new char[64];
                int length = 0;
                int c;
                while ((c = reader.read()) != -1 && c != '\n') {
                    if (length == buffer.length) {
                        char[] bigger = Arrays.copyOf(buffer, buffer.length * 2);
                        Arrays.fill(buffer, '\0');
                        buffer = bigger;
                    }
                    buffer[length++] = (char) c;
                }
                if (c == -1 && length == 0) {
                    out.println();
                    return Optional.empty();
                }
                if (length > 0 && buffer[length - 1] == '\r') {
                    length--;
                }
                char[] line = Arrays.copyOf(buffer, length);
                Arrays.fill(buffer, '\0');
                out.println();
                return Optional.of(line);
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<char[]> secret(String prompt) {
            return line(prompt);
        }
    }
}
