package vn.tinnhiem.shared.ui;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A file served once: the first reader takes the bytes, which are zeroed when its stream is closed; every later
 * reader finds nothing. A printed share card, or a sheet of voting cards, lives in memory only until its person has it.
 */
public final class OneTimeFile {

    private final AtomicReference<byte[]> bytes;
    private final int length;

    public OneTimeFile(byte[] bytes) {
        this.bytes = new AtomicReference<>(bytes);
        this.length = bytes.length;
    }

    public int length() {
        return length;
    }

    public Optional<InputStream> take() {
        byte[] taken = bytes.getAndSet(null);
        if (taken == null) {
            return Optional.empty();
        }
        return Optional.of(new ByteArrayInputStream(taken) {
            @Override
            public void close() {
                Arrays.fill(buf, (byte) 0);
            }
        });
    }

    /**
     * Zeroes the bytes if nobody took them (the screen was left); true when they were still here. Taking and
     * forgetting are one atomic step each: exactly one of them gets the bytes, so a file forgotten was never
     * served, and one served is never forgotten.
     */
    public boolean forget() {
        byte[] left = bytes.getAndSet(null);
        if (left != null) {
            Arrays.fill(left, (byte) 0);
            return true;
        }
        return false;
    }

    public boolean taken() {
        return bytes.get() == null;
    }
}
