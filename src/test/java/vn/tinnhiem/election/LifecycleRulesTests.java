package vn.tinnhiem.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import vn.tinnhiem.shared.Refusal;

class LifecycleRulesTests {

    private static final LifecycleRules.Facts COMPLETE = new LifecycleRules.Facts(13, 30, 3, 1, 2, false, false);

    private static List<String> keys(List<Refusal> refusals) {
        return refusals.stream().map(Refusal::key).toList();
    }

    @Test
    void a_complete_draft_may_become_ready() {
        assertThat(LifecycleRules.refusals(ElectionStatus.DRAFT, ElectionStatus.READY, COMPLETE)).isEmpty();
    }

    @Test
    void an_empty_draft_is_refused_with_every_reason_at_once() {
        var empty = new LifecycleRules.Facts(0, 0, 0, 0, 1, false, false);
        assertThat(keys(LifecycleRules.refusals(ElectionStatus.DRAFT, ElectionStatus.READY, empty)))
                .containsExactly("lifecycle.refuse.noCandidates", "lifecycle.refuse.noVoters",
                        "lifecycle.refuse.noTellers");
    }

    @Test
    void the_board_needs_exactly_one_head_and_a_threshold_within_its_size() {
        var twoHeads = new LifecycleRules.Facts(1, 1, 3, 2, 4, false, false);
        var refusals = LifecycleRules.refusals(ElectionStatus.DRAFT, ElectionStatus.READY, twoHeads);
        assertThat(keys(refusals)).containsExactly("lifecycle.refuse.oneHead", "lifecycle.refuse.threshold");
        assertThat(refusals.get(1).args()).containsExactly(4, 3);
    }

    @Test
    void a_conference_cannot_skip_steps_or_go_back_from_open() {
        assertThat(keys(LifecycleRules.refusals(ElectionStatus.DRAFT, ElectionStatus.OPEN, COMPLETE)))
                .containsExactly("lifecycle.refuse.notAllowed");
        assertThat(keys(LifecycleRules.refusals(ElectionStatus.OPEN, ElectionStatus.DRAFT, COMPLETE)))
                .containsExactly("lifecycle.refuse.notAllowed");
        assertThat(keys(LifecycleRules.refusals(ElectionStatus.TALLIED, ElectionStatus.CLOSED, COMPLETE)))
                .containsExactly("lifecycle.refuse.notAllowed");
    }

    @Test
    void the_polls_open_only_once_the_key_ceremony_is_done() {
        assertThat(keys(LifecycleRules.refusals(ElectionStatus.READY, ElectionStatus.OPEN, COMPLETE)))
                .containsExactly("lifecycle.refuse.noKey");
        var withKey = new LifecycleRules.Facts(13, 30, 3, 1, 2, true, false);
        assertThat(LifecycleRules.refusals(ElectionStatus.READY, ElectionStatus.OPEN, withKey)).isEmpty();
    }

    @Test
    void a_ready_conference_goes_back_to_draft_with_or_without_a_key_and_the_service_voids_it() {
        assertThat(LifecycleRules.refusals(ElectionStatus.READY, ElectionStatus.DRAFT, COMPLETE)).isEmpty();
        var withKey = new LifecycleRules.Facts(13, 30, 3, 1, 2, true, false);
        assertThat(LifecycleRules.refusals(ElectionStatus.READY, ElectionStatus.DRAFT, withKey)).isEmpty();
        assertThat(LifecycleRules.refusals(ElectionStatus.OPEN, ElectionStatus.DRAFT, withKey)).isNotEmpty();
    }

    @Test
    void counting_is_finished_only_when_the_tally_says_so() {
        assertThat(keys(LifecycleRules.refusals(ElectionStatus.CLOSED, ElectionStatus.TALLIED, COMPLETE)))
                .containsExactly("lifecycle.refuse.notCounted");
        assertThat(LifecycleRules.refusals(ElectionStatus.OPEN, ElectionStatus.CLOSED, COMPLETE)).isEmpty();
    }

    @Test
    void only_draft_is_editable() {
        for (ElectionStatus s : ElectionStatus.values()) {
            assertThat(s.isEditable()).isEqualTo(s == ElectionStatus.DRAFT);
        }
    }
}
