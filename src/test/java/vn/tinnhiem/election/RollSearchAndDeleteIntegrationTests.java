package vn.tinnhiem.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/** Finding a voter in a long roll by typing part of the name, and deleting a conference still in draft. */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class RollSearchAndDeleteIntegrationTests {

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
        return elections.create(new ElectionDetails("Hội nghị thử tìm kiếm", "UBND xã", "Hội trường",
                LocalDateTime.of(2026, 12, 20, 8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
    }

    private ElectionId withRoll() {
        ElectionId id = newElection();
        for (String name : List.of("Nguyễn Văn An", "Trần Văn Nguyên", "Đỗ Đức Cường", "Lê Thị Bình", "Nguyễn Thị Hà",
                "Phạm 100% Thắng_Lợi")) {
            voterRoll.addVoter(id, new NewVoter(name, "Chủ tịch", "UBND xã"));
        }
        return id;
    }

    private static List<String> names(VoterPage page) {
        return page.voters().stream().map(Voter::fullName).toList();
    }

    @Test
    void typing_part_of_a_name_without_diacritics_finds_the_voter() {
        ElectionId id = withRoll();
        assertThat(names(voterRoll.searchVoters(id, "nguyen van", 0, 20))).containsExactly("Nguyễn Văn An");
        assertThat(names(voterRoll.searchVoters(id, "  NGUYEN   van ", 0, 20))).containsExactly("Nguyễn Văn An");
        assertThat(names(voterRoll.searchVoters(id, "duc", 0, 20))).containsExactly("Đỗ Đức Cường");
        assertThat(names(voterRoll.searchVoters(id, "Đức Cường", 0, 20))).containsExactly("Đỗ Đức Cường");
        assertThat(names(voterRoll.searchVoters(id, "nguy", 0, 20)))
                .containsExactly("Nguyễn Văn An", "Trần Văn Nguyên", "Nguyễn Thị Hà");
        assertThat(names(voterRoll.searchVoters(id, "binh", 0, 20))).containsExactly("Lê Thị Bình");
        // Wildcards typed by the user are plain text.
        assertThat(names(voterRoll.searchVoters(id, "%", 0, 20))).containsExactly("Phạm 100% Thắng_Lợi");
        assertThat(names(voterRoll.searchVoters(id, "m_1", 0, 20))).isEmpty();
        assertThat(voterRoll.searchVoters(id, "khong co ai", 0, 20).total()).isZero();
    }

    @Test
    void the_roll_is_read_page_by_page_with_the_total() {
        ElectionId id = withRoll();
        VoterPage first = voterRoll.searchVoters(id, "", 0, 4);
        VoterPage second = voterRoll.searchVoters(id, "", 4, 4);
        assertThat(first.total()).isEqualTo(6);
        assertThat(first.voters()).extracting(Voter::ordinal).containsExactly(1, 2, 3, 4);
        assertThat(second.voters()).extracting(Voter::ordinal).containsExactly(5, 6);
        VoterPage found = voterRoll.searchVoters(id, "thi", 1, 1);
        assertThat(found.total()).isEqualTo(2);
        assertThat(names(found)).containsExactly("Nguyễn Thị Hà");
        // Another conference's roll is never mixed in.
        assertThat(voterRoll.searchVoters(newElection(), "nguyen", 0, 20).total()).isZero();
    }

    @Test
    void a_draft_conference_is_deleted_with_everything_in_it_and_the_deletion_is_audited() {
        ElectionId id = withRoll();
        candidates.addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
        tallyBoard.addTeller(id, "Ngô Văn C", true);

        elections.delete(id);

        assertThat(elections.find(id)).isEmpty();
        assertThat(candidates.list(id)).isEmpty();
        assertThat(voterRoll.voters(id)).isEmpty();
        assertThat(tallyBoard.tellers(id)).isEmpty();
        assertThat(checklist.items(id)).isEmpty();
        assertThat(audit.newest(1).getFirst()).satisfies(e -> {
            assertThat(e.action()).isEqualTo("election.delete");
            assertThat(e.subject()).isEqualTo("election:" + id);
            assertThat(e.actor()).isEqualTo("organiser");
        });
        assertThat(audit.verifyChain().brokenEntryId()).isEmpty();
    }

    @Test
    void a_conference_past_draft_cannot_be_deleted_and_only_the_organiser_may_delete() {
        ElectionId id = withRoll();
        candidates.addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
        tallyBoard.addTeller(id, "Ngô Văn C", true);
        lifecycle.moveTo(id, ElectionStatus.READY);
        assertThatThrownBy(() -> elections.delete(id)).isInstanceOfSatisfying(UserFacingException.class,
                e -> assertThat(e.key()).isEqualTo("election.error.deleteNotDraft"));
        assertThat(elections.find(id)).isPresent();

        ElectionId draft = newElection();
        try (var teller = Acting.as("teller", "TELLER")) {
            assertThatThrownBy(() -> elections.delete(draft)).isInstanceOf(AuthorizationDeniedException.class);
        }
        assertThat(elections.find(draft)).isPresent();
        assertThatThrownBy(() -> elections.delete(ElectionId.of(987654321L))).isInstanceOfSatisfying(UserFacingException.class,
                e -> assertThat(e.key()).isEqualTo("election.error.missing"));
    }
}
