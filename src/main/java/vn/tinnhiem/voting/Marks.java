package vn.tinnhiem.voting;

import java.util.Arrays;

/**
 * The voter's marks: one level index per candidate (0..levels-1) or -1 for blank. They live only here until
 * the cast seals them, and {@link #close()} (which {@link VotingService#cast} always calls) overwrites them
 * with zeros. Never log them, never put them (or this object) in a session attribute, never copy them out.
 * Not thread-safe: one voter's screen owns it.
 */
public final class Marks implements AutoCloseable {

    public static final int BLANK = -1;

    private final int[] levelOf;
    private final int levels;
    private boolean closed;

    public Marks(int candidates, int levels) {
        if (candidates < 1 || levels < 2) {
            throw new IllegalArgumentException("a ballot has at least one candidate and two levels");
        }
        this.levelOf = new int[candidates];
        this.levels = levels;
        Arrays.fill(levelOf, BLANK);
    }

    public int candidates() {
        return levelOf.length;
    }

    public int levels() {
        return levels;
    }

    /** Marks {@code candidate} (0-based) at {@code level} (0-based, in the kind's level order). */
    public void set(int candidate, int level) {
        open();
        if (level < 0 || level >= levels) {
            throw new IllegalArgumentException("level out of range");
        }
        levelOf[candidate] = level;
    }

    /** Leaves {@code candidate} blank again. */
    public void clear(int candidate) {
        open();
        levelOf[candidate] = BLANK;
    }

    /** The level marked for {@code candidate}, or {@link #BLANK}. */
    public int get(int candidate) {
        open();
        return levelOf[candidate];
    }

    public int markedCount() {
        open();
        int n = 0;
        for (int level : levelOf) {
            n += level >= 0 ? 1 : 0;
        }
        return n;
    }

    public boolean isBlank(int candidate) {
        return get(candidate) == BLANK;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Overwrites the marks with zeros; the object cannot be used afterwards. Safe to call twice. */
    @Override
    public void close() {
        Arrays.fill(levelOf, 0);
        closed = true;
    }

    /** A copy for the sealer, which takes ownership of it and zeroes it. */
    int[] copyForSealing() {
        open();
        return levelOf.clone();
    }

    /** For tests: whether the marks' own array holds only zeros. */
    boolean zeroed() {
        for (int level : levelOf) {
            if (level != 0) {
                return false;
            }
        }
        return true;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("marks already cast or discarded");
        }
    }

    /** Says nothing of the marks. */
    @Override
    public String toString() {
        return "Marks[" + levelOf.length + " candidates]";
    }
}
