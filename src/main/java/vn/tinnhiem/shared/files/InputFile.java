package vn.tinnhiem.shared.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file the operator named on the command line, read whole from disk; one larger than the limit is refused
 * unread (no file of TinNhiem comes near it).
 */
public sealed interface InputFile {

    record Read(byte[] bytes) implements InputFile {
    }

    /** Larger than the limit: {@code size} bytes. */
    record TooLarge(long size) implements InputFile {
    }

    record Missing() implements InputFile {
    }

    /** It exists but cannot be read; {@code why} names the error (its class), never a stack trace. */
    record Unreadable(String why) implements InputFile {
    }

    static InputFile read(Path file, long maxBytes) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                return new TooLarge(size);
            }
            return new Read(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return new Missing();
        } catch (IOException e) {
            return new Unreadable(e.getClass().getSimpleName());
        }
    }
}
