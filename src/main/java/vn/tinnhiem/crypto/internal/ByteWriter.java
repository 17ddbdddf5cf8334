package vn.tinnhiem.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

/** Growable big-endian byte buffer for canonical encodings. */
public final class ByteWriter {
    private byte[] buf;
    private int len;

    public ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public ByteWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter u16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter u32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter raw(byte[] b) {
        return raw(b, 0, b.length);
    }

    public ByteWriter raw(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** u32 length, then the bytes. */
    public ByteWriter lp(byte[] b) {
        return u32(b.length).raw(b);
    }

    /** A string as u32 length + UTF-8 of its NFC form (so composed and decomposed Vietnamese agree). */
    public ByteWriter str(String s) {
        return lp(Normalizer.normalize(s, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** Zeroes the internal buffer (used when it held secret material). */
    public void wipe() {
        Arrays.fill(buf, (byte) 0);
        len = 0;
    }
}
