package vn.tinnhiem.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.shared.Refusal;

/** Setting up a conference on the real database, as the organiser would, and the guards on it. */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class ElectionServiceIntegrationTests {

    @Autowired
    Elections elections;
    @Autowired
    Candidates candidates;
    @Autowired
    VoterRoll voterRoll;
    @Autowired
    TallyBoard tallyBoard;
    @Autowired
    Checklist checklist;
    @Autowired
    Lifecycle lifecycle;
    @Autowired
    AuditLog audit;

    private ElectionId newElection() {
        return elections.create(new ElectionDetails("Hội nghị thử", "UBND huyện", "Hội trường A",
                LocalDateTime.of(2026, 12, 20, 8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
    }

    private void complete(ElectionId id) {
        candidates.addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
        voterRoll.addVoter(id, new NewVoter("Lê Thị B", "Chủ tịch", "UBND xã"));
        tallyBoard.addTeller(id, "Ngô Văn C", true);
        tallyBoard.addTeller(id, "Đỗ Thị D", false);
        tallyBoard.setThreshold(id, 2);
    }

    @Test
    void candidates_keep_their_ballot_order_through_moves_and_removals() {
        ElectionId id = newElection();
        candidates.addCandidate(id, "Một", "Chức vụ 1");
        candidates.addCandidate(id, "Hai", "Chức vụ 2");
        candidates.addCandidate(id, "Ba", "Chức vụ 3");
        long ba = candidates.list(id).get(2).id();
        candidates.moveCandidate(id, ba, -1);
        candidates.moveCandidate(id, ba, -1);
        assertThat(candidates.list(id)).extracting(Candidate::fullName).containsExactly("Ba", "Một", "Hai");
        candidates.removeCandidate(id, candidates.list(id).get(1).id());
        assertThat(candidates.list(id)).extracting(Candidate::ordinal, Candidate::fullName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "Ba"), org.assertj.core.groups.Tuple.tuple(2, "Hai"));
    }

    @Test
    void a_roll_import_with_a_bad_row_imports_nothing_and_keeps_the_roll() {
        ElectionId id = newElection();
        voterRoll.addVoter(id, new NewVoter("Người sẵn có", "", ""));
        byte[] file = "Họ và tên,Đơn vị\nNguyễn A,X\n,Y\nTrần B,Z\n".getBytes(StandardCharsets.UTF_8);
        RollImportResult result = voterRoll.importRoll(id, "roll.csv", file);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.problems()).containsExactly(RowProblem.of(3, "import.error.noName"));
        assertThat(voterRoll.voters(id)).extracting(Voter::fullName).containsExactly("Người sẵn có");

        byte[] good = "Họ và tên,Đơn vị\nNguyễn A,X\nTrần B,Z\n".getBytes(StandardCharsets.UTF_8);
        assertThat(voterRoll.importRoll(id, "roll.csv", good).imported()).isEqualTo(2);
        assertThat(voterRoll.voters(id)).extracting(Voter::ordinal, Voter::fullName).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "Nguyễn A"), org.assertj.core.groups.Tuple.tuple(2, "Trần B"));
    }

    @Test
    void nothing_the_ballot_depends_on_changes_after_draft() {
        ElectionId id = newElection();
        complete(id);
        lifecycle.moveTo(id, ElectionStatus.READY);

        List<Runnable> edits = List.of(
                () -> candidates.addCandidate(id, "Muộn", "Chức vụ"),
                () -> candidates.updateCandidate(id, candidates.list(id).getFirst().id(), "Đổi tên", "X"),
                () -> candidates.removeCandidate(id, candidates.list(id).getFirst().id()),
                () -> voterRoll.addVoter(id, new NewVoter("Muộn", "", "")),
                () -> voterRoll.importRoll(id, "roll.csv", "Họ và tên\nA\n".getBytes(StandardCharsets.UTF_8)),
                () -> tallyBoard.addTeller(id, "Muộn", false),
                () -> tallyBoard.setThreshold(id, 1),
                () -> elections.updateDetails(id, new ElectionDetails("Đổi", "B", "C", LocalDateTime.now(),
                        BallotKind.TWO_LEVEL, RuleSet.NQ_96_2023)));
        for (Runnable edit : edits) {
            assertThatThrownBy(edit::run).isInstanceOfSatisfying(UserFacingException.class,
                    e -> assertThat(e.key()).isEqualTo("election.error.locked"));
        }
        assertThat(candidates.list(id)).extracting(Candidate::fullName).containsExactly("Trần Văn A");
        assertThat(elections.find(id).orElseThrow().details().ballotKind()).isEqualTo(BallotKind.THREE_LEVEL);

        // The checklist is not part of the ballot: it can still be ticked.
        checklist.setChecklistDone(id, ChecklistStep.SELF_REPORTS, true);
        assertThat(checklist.items(id).stream().filter(ChecklistItem::done).map(ChecklistItem::step))
                .containsExactly(ChecklistStep.SELF_REPORTS);

        lifecycle.moveTo(id, ElectionStatus.DRAFT);
        candidates.addCandidate(id, "Sau khi mở lại", "Chức vụ");
        assertThat(candidates.list(id)).hasSize(2);
        assertThat(audit.verifyChain().isIntact()).isTrue();
    }

    @Test
    void an_incomplete_conference_cannot_be_made_ready_and_the_polls_cannot_open_without_a_key() {
        ElectionId id = newElection();
        assertThatThrownBy(() -> lifecycle.moveTo(id, ElectionStatus.READY))
                .isInstanceOfSatisfying(LifecycleRefusedException.class, e -> assertThat(e.refusals())
                        .extracting(Refusal::key).containsExactly("lifecycle.refuse.noCandidates",
                                "lifecycle.refuse.noVoters", "lifecycle.refuse.noTellers"));
        complete(id);
        lifecycle.moveTo(id, ElectionStatus.READY);
        try (var teller = Acting.as("teller", "TELLER")) {
            assertThatThrownBy(() -> lifecycle.moveTo(id, ElectionStatus.OPEN))
                    .isInstanceOfSatisfying(LifecycleRefusedException.class,
                            e -> assertThat(e.key()).isEqualTo("lifecycle.refuse.noKey"));
        }
        assertThat(elections.find(id).orElseThrow().status()).isEqualTo(ElectionStatus.READY);
    }

    @Test
    void typed_names_with_hidden_characters_are_refused_and_diacritics_are_composed() {
        ElectionId id = newElection();
        assertThatThrownBy(() -> candidates.addCandidate(id, "Trần \u202EVăn A", "Phó Chủ tịch"))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.key()).isEqualTo("common.error.hiddenCharacters"));
        candidates.addCandidate(id, "Nguye\u0302\u0303n Va\u0306n A", "Phó Chủ tịch");
        assertThat(candidates.list(id).getFirst().fullName()).isEqualTo("Nguyễn Văn A");
    }

    @Test
    void the_checklist_follows_the_conference_date() {
        ElectionId id = newElection();
        var due = checklist.items(id).stream().filter(i -> i.step() == ChecklistStep.SELF_REPORTS).findFirst()
                .orElseThrow().dueDate();
        assertThat(due).isEqualTo(java.time.LocalDate.of(2026, 11, 30));
        elections.updateDetails(id, new ElectionDetails("Hội nghị thử", "UBND huyện", "", LocalDateTime.of(2026, 12, 30, 8, 0),
                BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
        due = checklist.items(id).stream().filter(i -> i.step() == ChecklistStep.SELF_REPORTS).findFirst()
                .orElseThrow().dueDate();
        assertThat(due).isEqualTo(java.time.LocalDate.of(2026, 12, 10));
    }

    @Test
    void the_demo_conference_is_shaped_like_the_plan_and_can_be_made_ready() {
        ElectionId id = elections.createDemo();
        assertThat(candidates.list(id)).hasSize(13);
        assertThat(candidates.list(id).getFirst().jobTitle()).contains("Phó Chủ tịch");
        assertThat(voterRoll.voters(id)).hasSizeBetween(25, 40);
        assertThat(tallyBoard.tellers(id)).hasSize(3).filteredOn(Teller::head).hasSize(1);
        assertThat(elections.find(id).orElseThrow().thresholdK()).isEqualTo(2);
        lifecycle.moveTo(id, ElectionStatus.READY);
    }

    @Test
    void the_organiser_locks_the_lists_but_only_the_tally_board_opens_the_polls() {
        ElectionId id = newElection();
        complete(id);
        try (var teller = Acting.as("teller", "TELLER")) {
            assertThatThrownBy(() -> lifecycle.moveTo(id, ElectionStatus.READY))
                    .isInstanceOfSatisfying(UserFacingException.class,
                            e -> assertThat(e.key()).isEqualTo("lifecycle.refuse.organiserOnly"));
        }
        lifecycle.moveTo(id, ElectionStatus.READY);
        assertThatThrownBy(() -> lifecycle.moveTo(id, ElectionStatus.OPEN))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.key()).isEqualTo("lifecycle.refuse.tellersOnly"));
    }

    @Test
    @WithMockUser(username = "watcher", roles = "SUPERVISOR")
    void a_supervisor_may_look_but_not_set_up() {
        assertThat(elections.list()).isNotNull();
        assertThatThrownBy(this::newElection).isInstanceOf(AuthorizationDeniedException.class);
    }
}
