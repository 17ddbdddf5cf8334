package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.Milestone;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.shared.files.Sha256;

/**
 * The verdict of one close-race round: the close must have frozen exactly the ballots recorded before it (cards
 * spent, the POLLS_CLOSED digest of the tracking codes, the box check), and every card either cast or refused as
 * after the close. Shared by the close races on one server and on the cluster.
 */
final class FrozenBox {

    private FrozenBox() {
    }

    /** Null when the close froze exactly the box; otherwise what differed, to be listed with the other rounds. */
    static @Nullable String mismatch(int round, CountConferences.Cast conf, ClosingFigures frozen,
            Collection<String> recorded, int refusedAfterClose, int cards, ElectionServices elections,
            BoxCheck boxCheck, BallotTracking tracking) {
        List<String> box = new ArrayList<>(recorded);
        Collections.sort(box);
        String digest = Sha256.hex(String.join("\n", box));
        String sealed = elections.milestones().reported(conf.id()).get(Milestone.POLLS_CLOSED);
        BoxVerdict verdict;
        try (var teller = Acting.as(conf.tellers().getFirst(), "TELLER")) {
            verdict = boxCheck.checkBox(conf.id(), done -> {});
        }
        assertThat(box.size() + refusedAfterClose).isEqualTo(cards);
        assertThat(tracking.publishedCodes(conf.id())).as("the box holds every recorded ballot and no other")
                .containsExactlyInAnyOrderElementsOf(box);
        if (frozen.cardsSpent() == box.size() && digest.equals(sealed) && verdict.difference() == 0) {
            return null;
        }
        return "round " + round + ": " + box.size() + " ballots recorded, close froze " + frozen.cardsSpent()
                + " spent, digest " + (digest.equals(sealed) ? "matches" : "differs") + ", box check difference "
                + verdict.difference();
    }
}
