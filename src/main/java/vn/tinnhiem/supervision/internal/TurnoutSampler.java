package vn.tinnhiem.supervision.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.token.TokenService;

/**
 * Samples turnout for the chart: about once a minute, for each OPEN conference, the cards spent so far are
 * written as the current step's count. Sampling, not writing in the casting path: a cast touches no turnout
 * row, so nothing ties a ballot to a moment finer than a step (docs/architecture.md, "Supervision").
 */
@Component
public class TurnoutSampler {

    /** The chart's step: coarse enough that many voters share each one. */
    public static final Duration STEP = Duration.ofMinutes(15);
    private static final Logger log = LoggerFactory.getLogger(TurnoutSampler.class);

    private final Elections elections;
    private final TokenService tokens;
    private final TurnoutRepository turnout;
    private final Clock clock;

    TurnoutSampler(Elections elections, TokenService tokens, TurnoutRepository turnout, Clock clock) {
        this.elections = elections;
        this.tokens = tokens;
        this.turnout = turnout;
        this.clock = clock;
    }

    public static int stepOf(Instant at) {
        return (int) (at.getEpochSecond() / STEP.toSeconds());
    }

    public static Instant startOf(int step) {
        return Instant.ofEpochSecond(step * STEP.toSeconds());
    }

    @Scheduled(initialDelayString = "${tinnhiem.supervision.sample-ms:60000}",
            fixedDelayString = "${tinnhiem.supervision.sample-ms:60000}")
    public void sample() {
        try {
            AsSystem.read(() -> {
                int step = stepOf(clock.instant());
                for (Election e : elections.list()) {
                    if (e.status() == ElectionStatus.OPEN) {
                        turnout.record(e.id().value(), step, tokens.counts(e.id()).spent());
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            // The next minute tries again; the chart only misses a point.
            log.warn("Turnout sample failed: {}", e.toString());
        }
    }
}
