package vn.tinnhiem.election;

import java.util.ArrayList;
import java.util.List;
import vn.tinnhiem.shared.Refusal;

/**
 * Which status changes are allowed, and every reason one is refused. Pure: the service gathers the
 * facts, this decides, so the rules are tested without a database.
 */
public final class LifecycleRules {

    /** What the rules look at. keyCeremonyDone and counted are the milestones the ceremony and the tally reported. */
    public record Facts(int candidates, int voters, int tellers, int heads, int thresholdK, boolean keyCeremonyDone,
            boolean counted) {
    }

    private LifecycleRules() {
    }

    public static List<Refusal> refusals(ElectionStatus from, ElectionStatus to, Facts facts) {
        List<Refusal> refusals = new ArrayList<>();
        if (!from.next().contains(to)) {
            refusals.add(Refusal.of("lifecycle.refuse.notAllowed", "status." + from.name(), "status." + to.name()));
            return refusals;
        }
        switch (to) {
            case READY -> {
                if (from == ElectionStatus.DRAFT) {
                    readiness(facts, refusals);
                }
            }
            case OPEN -> {
                if (!facts.keyCeremonyDone()) {
                    refusals.add(Refusal.of("lifecycle.refuse.noKey"));
                }
            }
            case TALLIED -> {
                if (!facts.counted()) {
                    refusals.add(Refusal.of("lifecycle.refuse.notCounted"));
                }
            }
            case DRAFT -> {
                // Allowed even after the key ceremony: the service then voids the key and its cards, and the
                // confirmation says so, since the key and the manifest hash bind the lists about to change.
            }
            case CLOSED -> {
                // Closing the polls is always possible once open.
            }
        }
        return refusals;
    }

    private static void readiness(Facts facts, List<Refusal> refusals) {
        if (facts.candidates() == 0) {
            refusals.add(Refusal.of("lifecycle.refuse.noCandidates"));
        }
        if (facts.voters() == 0) {
            refusals.add(Refusal.of("lifecycle.refuse.noVoters"));
        }
        if (facts.tellers() == 0) {
            refusals.add(Refusal.of("lifecycle.refuse.noTellers"));
        } else if (facts.heads() != 1) {
            refusals.add(Refusal.of("lifecycle.refuse.oneHead"));
        }
        if (facts.tellers() > 0 && (facts.thresholdK() < 1 || facts.thresholdK() > facts.tellers())) {
            refusals.add(Refusal.of("lifecycle.refuse.threshold", facts.thresholdK(), facts.tellers()));
        }
    }
}
