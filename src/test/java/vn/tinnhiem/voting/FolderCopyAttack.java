package vn.tinnhiem.voting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What someone holding a copy of the data folder (a backup, a disk image, a laptop carried out of the
 * hall) does with nothing but its files, as issue 16 found it done: search every file for the byte
 * patterns of each voter's presence row, each card's keyed hash and each ballot's tracking code, order
 * the hits by their offset, and take the nearest card before each ballot (and the nearest voter before
 * each card) as its pair. The attacker is given more than a real one has: the cards' hashes themselves,
 * as if the token key had been found.
 */
public final class FolderCopyAttack {

    public enum Kind { VOTER, CARD, BALLOT }

    /**
     * A byte pattern to look for, and whose it is (a voter's, a card's or a ballot's number in the test).
     * A short number (a row's 8-byte key) is looked for only where InnoDB keeps rows and their changes:
     * elsewhere (table definitions, the system tables' index files) such a number turns up by accident.
     */
    public record Needle(Kind kind, int owner, byte[] bytes, boolean rowsOnly) {

        public Needle(Kind kind, int owner, byte[] bytes) {
            this(kind, owner, bytes, false);
        }
    }

    /** Where InnoDB keeps rows and their history: tablespaces, the system and temporary ones, undo and redo. */
    static boolean holdsRows(String file) {
        String name = Path.of(file).getFileName().toString();
        return name.endsWith(".ibd") || name.startsWith("ibdata") || name.startsWith("ibtmp")
                || name.startsWith("ib_logfile") || name.startsWith("undo");
    }

    record Hit(Needle needle, String file, long offset) {
    }

    /** What the attack found: how many patterns of each kind, and the pairs it would claim. */
    public record Result(Map<Kind, Integer> found, Map<Integer, Integer> ballotToCard, Map<Integer, Integer> cardToVoter,
            long bytesSearched, List<String> where) {

        int found(Kind kind) {
            return found.getOrDefault(kind, 0);
        }
    }

    private FolderCopyAttack() {
    }

    /** Copies the folder's regular files as they are on disk at this moment (the server may be running). */
    public static Path copy(Path folder, Path to) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(folder.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    try {
                        Files.copy(p, target);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // A temporary file the server removed while we copied: a real copy misses it too.
                    }
                }
            }
        }
        return to;
    }

    public static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    public static Result attack(Path copy, List<Needle> needles) throws IOException {
        Map<Integer, List<Needle>> byPrefix = byPrefix(needles);
        List<Hit> hits = new ArrayList<>();
        long searched = 0;
        try (var paths = Files.walk(copy)) {
            for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
                searched += search(file, copy.relativize(file).toString(), byPrefix, hits);
            }
        }
        return link(hits, searched);
    }

    /** The same attack on bytes already in memory (to show what it finds in the clear). */
    static Result attack(byte[] bytes, List<Needle> needles) {
        List<Hit> hits = new ArrayList<>();
        scan(ByteBuffer.wrap(bytes), "memory", byPrefix(needles), hits);
        return link(hits, bytes.length);
    }

    /** The needles by their first 4 bytes: each position of a file is then one look-up. */
    private static Map<Integer, List<Needle>> byPrefix(List<Needle> needles) {
        Map<Integer, List<Needle>> byPrefix = new HashMap<>();
        for (Needle n : needles) {
            if (n.bytes().length < 4) {
                throw new IllegalArgumentException("needles of 4 bytes at least");
            }
            byPrefix.computeIfAbsent(ByteBuffer.wrap(n.bytes()).getInt(), k -> new ArrayList<>()).add(n);
        }
        return byPrefix;
    }

    private static long search(Path file, String name, Map<Integer, List<Needle>> byPrefix, List<Hit> hits) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 4) {
                return size;
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            scan(map, name, byPrefix, hits);
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void scan(ByteBuffer data, String name, Map<Integer, List<Needle>> byPrefix, List<Hit> hits) {
        int limit = data.limit();
        for (int i = 0; i + 4 <= limit; i++) {
            List<Needle> candidates = byPrefix.get(data.getInt(i));
            if (candidates == null) {
                continue;
            }
            for (Needle n : candidates) {
                if ((!n.rowsOnly() || holdsRows(name)) && matches(data, i, n.bytes())) {
                    hits.add(new Hit(n, name, i));
                }
            }
        }
    }

    private static boolean matches(ByteBuffer data, int at, byte[] pattern) {
        if (at + pattern.length > data.limit()) {
            return false;
        }
        for (int j = 4; j < pattern.length; j++) {
            if (data.get(at + j) != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    /** Nearest preceding card for each ballot, nearest preceding voter for each card, in each file. */
    private static Result link(List<Hit> hits, long searched) {
        Map<Kind, Integer> found = new HashMap<>();
        Map<Kind, java.util.Set<Integer>> owners = new HashMap<>();
        for (Hit h : hits) {
            owners.computeIfAbsent(h.needle().kind(), k -> new java.util.HashSet<>()).add(h.needle().owner());
        }
        owners.forEach((k, v) -> found.put(k, v.size()));
        hits.sort(Comparator.comparing(Hit::file).thenComparingLong(Hit::offset));
        Map<Integer, Integer> ballotToCard = new HashMap<>();
        Map<Integer, Integer> cardToVoter = new HashMap<>();
        Hit lastCard = null;
        Hit lastVoter = null;
        for (Hit h : hits) {
            if (lastCard != null && !lastCard.file().equals(h.file())) {
                lastCard = null;
            }
            if (lastVoter != null && !lastVoter.file().equals(h.file())) {
                lastVoter = null;
            }
            switch (h.needle().kind()) {
                case VOTER -> lastVoter = h;
                case CARD -> {
                    if (lastVoter != null) {
                        cardToVoter.putIfAbsent(h.needle().owner(), lastVoter.needle().owner());
                    }
                    lastCard = h;
                }
                case BALLOT -> {
                    if (lastCard != null) {
                        ballotToCard.putIfAbsent(h.needle().owner(), lastCard.needle().owner());
                    }
                }
            }
        }
        List<String> where = hits.stream().limit(20)
                .map(h -> h.needle().kind() + " " + h.needle().owner() + " (" + h.needle().bytes().length + " bytes) in "
                        + h.file() + " at " + h.offset())
                .toList();
        return new Result(found, ballotToCard, cardToVoter, searched, where);
    }
}
