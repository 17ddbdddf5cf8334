package vn.tinnhiem.crypto;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.tinnhiem.crypto.internal.FixedBaseTable;
import vn.tinnhiem.crypto.internal.Hex;

/**
 * A manifest with its hash and the fixed-base table for its election key K. Building the table
 * takes a few milliseconds and about 1 MB, so contexts are cached per manifest hash ({@link #of}).
 * Immutable and thread-safe.
 */
public final class ElectionContext {
    private static final int CACHE_SIZE = 8;
    private static final Map<String, ElectionContext> CACHE =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ElectionContext> e) {
                    return size() > CACHE_SIZE;
                }
            };

    private final Manifest manifest;
    private final byte[] manifestHash;
    private final FixedBaseTable kTable;

    private ElectionContext(Manifest manifest, byte[] hash) {
        this.manifest = manifest;
        this.manifestHash = hash;
        this.kTable = new FixedBaseTable(manifest.electionKey().ec());
    }

    /** The context for a manifest, from the cache if it was built before. */
    public static ElectionContext of(Manifest manifest) {
        byte[] hash = manifest.hash();
        String key = Hex.encode(hash);
        synchronized (CACHE) {
            ElectionContext ctx = CACHE.get(key);
            if (ctx == null) {
                ctx = new ElectionContext(manifest, hash);
                CACHE.put(key, ctx);
            }
            return ctx;
        }
    }

    public Manifest manifest() {
        return manifest;
    }

    public byte[] manifestHash() {
        return manifestHash.clone();
    }

    byte[] manifestHashRef() {
        return manifestHash;
    }

    FixedBaseTable kTable() {
        return kTable;
    }

    public int candidateCount() {
        return manifest.candidateCount();
    }

    public int levelCount() {
        return manifest.levelCount();
    }
}
