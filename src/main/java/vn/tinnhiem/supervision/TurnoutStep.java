package vn.tinnhiem.supervision;

import java.time.Instant;

/** Ballots cast by the end of one coarse step (its start given), as the sampler last counted them. */
public record TurnoutStep(Instant start, int cast) {
}
