package vn.tinnhiem.voting.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down a tablet that reads wrong codes (unknown, another conference's, a typo the check character
 * caught): after {@value #FREE} wrong codes within a minute it must wait {@value #FIRST_WAIT_SECONDS} s, and
 * each further wrong code doubles the wait, up to five minutes. A quiet minute after the last wait ends the burst.
 * In memory only, like the kiosks' last contacts: a restart forgives, which costs an attacker a restart
 * the staff would notice. Holds counts and times, never a code.
 */
public final class WrongCodes {

    static final int FREE = 5;
    static final int FIRST_WAIT_SECONDS = 5;
    static final long MAX_WAIT_MILLIS = Duration.ofMinutes(5).toMillis();
    private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();

    private final Clock clock;
    private final Map<String, Kiosk> kiosks = new ConcurrentHashMap<>();

    public WrongCodes(Clock clock) {
        this.clock = clock;
    }

    private static final class Kiosk {
        final ArrayDeque<Long> recent = new ArrayDeque<>();
        int total;
        long waitMillis;
        long blockedUntil;
        boolean reported;
    }

    /** Seconds the tablet must still wait (rounded up), if it must. */
    public OptionalInt secondsToWait(String kioskId) {
        Kiosk k = kiosks.get(kioskId);
        if (k == null) {
            return OptionalInt.empty();
        }
        synchronized (k) {
            long left = k.blockedUntil - clock.millis();
            return left > 0 ? OptionalInt.of((int) ((left + 999) / 1000)) : OptionalInt.empty();
        }
    }

    /**
     * Counts one wrong code. Answers the burst's size when this code starts the slow-down of a new burst (to
     * be reported once), 0 otherwise.
     */
    public int wrong(String kioskId) {
        Kiosk k = kiosks.computeIfAbsent(kioskId, id -> new Kiosk());
        synchronized (k) {
            long now = clock.millis();
            if (k.waitMillis > 0 && now > k.blockedUntil + WINDOW_MILLIS) {
                // A quiet minute after the last wait: the burst is over.
                k.waitMillis = 0;
                k.reported = false;
                k.recent.clear();
            }
            while (!k.recent.isEmpty() && k.recent.peekFirst() <= now - WINDOW_MILLIS) {
                k.recent.pollFirst();
            }
            k.recent.addLast(now);
            k.total++;
            if (k.waitMillis == 0 && k.recent.size() < FREE) {
                return 0;
            }
            k.waitMillis = k.waitMillis == 0 ? FIRST_WAIT_SECONDS * 1000L : Math.min(MAX_WAIT_MILLIS, 2 * k.waitMillis);
            k.blockedUntil = now + k.waitMillis;
            if (k.reported) {
                return 0;
            }
            k.reported = true;
            return k.recent.size();
        }
    }

    /** Wrong codes per kiosk id since the server started (for the supervision screen), sorted by kiosk id. */
    public Map<String, Integer> totals() {
        Map<String, Integer> totals = new TreeMap<>();
        kiosks.forEach((id, k) -> {
            synchronized (k) {
                totals.put(id, k.total);
            }
        });
        return totals;
    }
}
