package vn.tinnhiem.account.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per client address, in memory: after {@value #FREE_ATTEMPTS} failures (any account,
 * known or not) the address is refused for 30 seconds, doubling with each further failure up to 30
 * minutes. A refused address costs no password check, no database read and no audit entry: so one
 * tablet cannot keep every account locked, nor fill the audit log. At most {@value #MAX_ADDRESSES}
 * addresses are remembered; the least recently seen are forgotten first.
 */
@Component
class AddressThrottle {

    static final int FREE_ATTEMPTS = 10;
    static final int MAX_ADDRESSES = 10_000;
    private static final Duration FIRST_BLOCK = Duration.ofSeconds(30);
    private static final Duration LONGEST_BLOCK = Duration.ofMinutes(30);

    /** A block that starts now: how many failures led to it and how many attempts the last one refused. */
    record Block(String address, int failures, Instant until, int refusedDuringLastBlock) {
    }

    private static final class State {
        int failures;
        int refused;
        Instant lastFailure = Instant.EPOCH;
        Instant blockedUntil = Instant.EPOCH;
    }

    private final Clock clock;
    private final Map<String, State> states = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    AddressThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether the address is blocked now; a refused attempt is only counted, in memory. */
    synchronized boolean refuse(String address) {
        State state = states.get(address);
        if (state == null || !clock.instant().isBefore(state.blockedUntil)) {
            return false;
        }
        state.refused++;
        return true;
    }

    /** Counts a failure; returns the block it starts, if any. */
    synchronized Optional<Block> failure(String address) {
        Instant now = clock.instant();
        State state = states.computeIfAbsent(address, a -> new State());
        if (state.lastFailure.plus(LONGEST_BLOCK).isBefore(now) && !now.isBefore(state.blockedUntil)) {
            state.failures = 0;
        }
        state.failures++;
        state.lastFailure = now;
        if (state.failures < FREE_ATTEMPTS) {
            return Optional.empty();
        }
        state.blockedUntil = now.plus(blockFor(state.failures));
        int refusedBefore = state.refused;
        state.refused = 0;
        return Optional.of(new Block(address, state.failures, state.blockedUntil, refusedBefore));
    }

    /** A successful sign-in from the address forgets its failures (a colleague who mistyped). */
    synchronized void success(String address) {
        states.remove(address);
    }

    synchronized int size() {
        return states.size();
    }

    static Duration blockFor(int failures) {
        if (failures < FREE_ATTEMPTS) {
            return Duration.ZERO;
        }
        Duration block = FIRST_BLOCK.multipliedBy(1L << Math.min(failures - FREE_ATTEMPTS, 10));
        return block.compareTo(LONGEST_BLOCK) > 0 ? LONGEST_BLOCK : block;
    }
}
