package vn.tinnhiem.election.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.openxml4j.util.ZipEntrySource;

/**
 * An uploaded .xlsx as POI's zip source, with this call's own limits: each part is inflated only as it
 * is read, and reading stops with an error past its limit. POI's own guards are JVM-wide settings
 * (ZipSecureFile), which one import must not change for every other user of POI.
 */
final class InMemoryZip implements ZipEntrySource {

    /** More parts than any roll workbook has. */
    static final int MAX_ENTRIES = 1000;
    /** Sheets are streamed, never held, so they may be large (a million formatted empty rows is ~50 MB). */
    static final long MAX_SHEET_BYTES = 256L * 1024 * 1024;
    /** Everything else (shared strings, styles, relations) is held in memory while the sheet is read. */
    static final long MAX_PART_BYTES = 16L * 1024 * 1024;

    private final ZipFile zip;
    private final List<ZipArchiveEntry> entries;
    private boolean closed;

    InMemoryZip(byte[] content) throws IOException {
        this.zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(content)).get();
        this.entries = Collections.list(zip.getEntries());
        if (entries.size() > MAX_ENTRIES) {
            zip.close();
            throw new IOException("Too many parts in the workbook: " + entries.size());
        }
    }

    @Override
    public Enumeration<? extends ZipArchiveEntry> getEntries() {
        return Collections.enumeration(entries);
    }

    @Override
    public ZipArchiveEntry getEntry(String path) {
        String normalised = path.replace('\\', '/');
        return entries.stream().filter(e -> e.getName().replace('\\', '/').equalsIgnoreCase(normalised)).findFirst()
                .orElse(null);
    }

    @Override
    public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
        long limit = entry.getName().startsWith("xl/worksheets/") ? MAX_SHEET_BYTES : MAX_PART_BYTES;
        return new Bounded(zip.getInputStream(entry), limit, entry.getName());
    }

    @Override
    public void close() throws IOException {
        closed = true;
        zip.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Counts the inflated bytes and refuses to go past the part's limit. */
    private static final class Bounded extends FilterInputStream {

        private final long limit;
        private final String name;
        private long read;

        Bounded(InputStream in, long limit, String name) {
            super(in);
            this.limit = limit;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > limit) {
                throw new IOException("Part " + name + " inflates beyond " + limit + " bytes");
            }
        }
    }
}
