package vn.tinnhiem.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.shared.Refusal;

/**
 * Each seat on a tally board is tied to its teller's account, and a teller acts only on the conferences
 * whose board they sit on: the tally board of conference A cannot open, close or count conference B.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class BoardSeatsIntegrationTests {

    private static final String MANIFEST_HASH = "b2".repeat(32);

    @Autowired
    Elections elections;
    @Autowired
    Candidates candidates;
    @Autowired
    VoterRoll voterRoll;
    @Autowired
    TallyBoard tallyBoard;
    @Autowired
    Lifecycle lifecycle;
    @Autowired
    Milestones milestones;
    @Autowired
    AccountService accounts;
    @Autowired
    AuditLog audit;

    private String tellerAccount(String username) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, "Thành viên " + username, Role.TELLER);
        }
        return username;
    }

    /** A READY conference whose one seat is tied to the given teller's account. */
    private ElectionId readyBoardOf(String title, String teller) {
        ElectionId id = elections.create(new ElectionDetails(title, "HĐND xã Mỹ Hòa", "Hội trường",
                LocalDateTime.of(2026, 12, 23, 8, 0), BallotKind.THREE_LEVEL, RuleSet.NQ_96_2023));
        candidates.addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
        voterRoll.addVoter(id, new NewVoter("Lê Thị B", "Đại biểu", "HĐND xã"));
        tallyBoard.addTeller(id, "Ngô Văn C", true);
        tallyBoard.setSeatAccount(id, tallyBoard.tellers(id).getFirst().id(), Optional.of(tellerAccount(teller)));
        lifecycle.moveTo(id, ElectionStatus.READY);
        return id;
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
        } catch (LifecycleRefusedException e) {
            return String.join(",", e.refusals().stream().map(Refusal::key).toList());
        } catch (UserFacingException e) {
            return e.key();
        }
        return "accepted";
    }

    @Test
    void a_teller_of_one_board_is_refused_on_another_and_the_refusal_is_on_the_record() {
        ElectionId a = readyBoardOf("Hội nghị của ban A", "seat.teller.a");
        ElectionId b = readyBoardOf("Hội nghị của ban B", "seat.teller.b");
        try (var tellerA = Acting.as("seat.teller.a", "TELLER")) {
            milestones.recordKeyMade(a, MANIFEST_HASH);
            milestones.recordKeyMade(b, MANIFEST_HASH);
            assertThat(tallyBoard.boardsOfCurrentTeller()).extracting(Election::id).contains(a).doesNotContain(b);
            assertThat(lifecycle.refusalsFor(b, ElectionStatus.OPEN)).extracting(Refusal::key)
                    .containsExactly("lifecycle.refuse.notOnBoard");
            assertThat(refusal(() -> lifecycle.moveTo(b, ElectionStatus.OPEN))).isEqualTo("lifecycle.refuse.notOnBoard");
            lifecycle.moveTo(a, ElectionStatus.OPEN);
        }
        try (var tellerB = Acting.as("seat.teller.b", "TELLER")) {
            assertThat(refusal(() -> lifecycle.moveTo(a, ElectionStatus.CLOSED))).isEqualTo("lifecycle.refuse.notOnBoard");
            lifecycle.moveTo(b, ElectionStatus.OPEN);
        }
        assertThat(elections.find(a).orElseThrow().status()).isEqualTo(ElectionStatus.OPEN);
        assertThat(audit.newest(200)).filteredOn(e -> e.subject().equals("election:" + b))
                .filteredOn(e -> e.action().equals("election.statusRefused")).extracting(AuditEntry::actor)
                .contains("seat.teller.a");
    }

    @Test
    void the_polls_open_only_when_every_seat_is_tied_to_its_teller_and_seats_are_fixed_once_the_key_is_made() {
        ElectionId id = elections.create(new ElectionDetails("Hội nghị thiếu ghế", "HĐND xã Mỹ Hòa", "Hội trường",
                LocalDateTime.of(2026, 12, 23, 8, 0), BallotKind.THREE_LEVEL, RuleSet.NQ_96_2023));
        candidates.addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
        voterRoll.addVoter(id, new NewVoter("Lê Thị B", "Đại biểu", "HĐND xã"));
        tallyBoard.addTeller(id, "Ngô Văn C", true);
        tallyBoard.addTeller(id, "Đỗ Thị D", false);
        tallyBoard.setSeatAccount(id, tallyBoard.tellers(id).getFirst().id(), Optional.of(tellerAccount("seat.head")));
        lifecycle.moveTo(id, ElectionStatus.READY);
        // The organiser sees what is missing before the board meets.
        assertThat(lifecycle.refusalsFor(id, ElectionStatus.OPEN)).extracting(Refusal::key)
                .contains("lifecycle.refuse.noKey", "lifecycle.refuse.seatsWithoutAccount");
        try (var head = Acting.as("seat.head", "TELLER")) {
            milestones.recordKeyMade(id, MANIFEST_HASH);
            assertThat(refusal(() -> lifecycle.moveTo(id, ElectionStatus.OPEN)))
                    .isEqualTo("lifecycle.refuse.seatsWithoutAccount");
        }
        // The key was dealt to the seats as they were: they cannot change now.
        long second = tallyBoard.tellers(id).get(1).id();
        assertThat(refusal(() -> tallyBoard.setSeatAccount(id, second, Optional.of(tellerAccount("seat.late")))))
                .isEqualTo("teller.error.seatLocked");
    }

    @Test
    void a_seat_takes_an_enabled_teller_account_and_one_account_sits_once_per_board() {
        ElectionId id = elections.create(new ElectionDetails("Hội nghị chọn ghế", "HĐND xã Mỹ Hòa", "Hội trường",
                LocalDateTime.of(2026, 12, 23, 8, 0), BallotKind.THREE_LEVEL, RuleSet.NQ_96_2023));
        tallyBoard.addTeller(id, "Ngô Văn C", true);
        tallyBoard.addTeller(id, "Đỗ Thị D", false);
        long first = tallyBoard.tellers(id).get(0).id();
        long second = tallyBoard.tellers(id).get(1).id();
        if (accounts.find("seat.organiser").isEmpty()) {
            accounts.create("seat.organiser", "Ban tổ chức", Role.ADMIN);
        }
        assertThat(refusal(() -> tallyBoard.setSeatAccount(id, first, Optional.of("seat.organiser"))))
                .isEqualTo("teller.error.notATeller");
        assertThat(refusal(() -> tallyBoard.setSeatAccount(id, first, Optional.of("no.such.person"))))
                .isEqualTo("teller.error.notATeller");
        tallyBoard.setSeatAccount(id, first, Optional.of(tellerAccount("seat.twice")));
        assertThat(refusal(() -> tallyBoard.setSeatAccount(id, second, Optional.of("seat.twice"))))
                .isEqualTo("teller.error.alreadySeated");
        assertThat(tallyBoard.tellers(id).get(0).account()).contains("seat.twice");
        assertThat(tallyBoard.tellers(id).get(1).account()).isEmpty();
        assertThat(audit.newest(50)).filteredOn(e -> e.action().equals("teller.account")).isNotEmpty();
    }
}
