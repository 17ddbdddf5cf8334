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
    ElectionService elections;
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
    private long readyBoardOf(String title, String teller) {
        long id = elections.create(new ElectionDetails(title, "HĐND xã Mỹ Hòa", "Hội trường",
                LocalDateTime.of(2026, 12, 23, 8, 0), BallotKind.THREE_LEVEL, RuleSet.NQ_96_2023));
        elections.addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
        elections.addVoter(id, new NewVoter("Lê Thị B", "Đại biểu", "HĐND xã"));
        elections.addTeller(id, "Ngô Văn C", true);
        elections.setSeatAccount(id, elections.tellers(id).getFirst().id(), Optional.of(tellerAccount(teller)));
        elections.moveTo(id, ElectionStatus.READY);
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
        long a = readyBoardOf("Hội nghị của ban A", "seat.teller.a");
        long b = readyBoardOf("Hội nghị của ban B", "seat.teller.b");
        try (var tellerA = Acting.as("seat.teller.a", "TELLER")) {
            elections.recordKeyMade(a, MANIFEST_HASH);
            elections.recordKeyMade(b, MANIFEST_HASH);
            assertThat(elections.boardsOfCurrentTeller()).extracting(Election::id).contains(a).doesNotContain(b);
            assertThat(elections.refusalsFor(b, ElectionStatus.OPEN)).extracting(Refusal::key)
                    .containsExactly("lifecycle.refuse.notOnBoard");
            assertThat(refusal(() -> elections.moveTo(b, ElectionStatus.OPEN))).isEqualTo("lifecycle.refuse.notOnBoard");
            elections.moveTo(a, ElectionStatus.OPEN);
        }
        try (var tellerB = Acting.as("seat.teller.b", "TELLER")) {
            assertThat(refusal(() -> elections.moveTo(a, ElectionStatus.CLOSED))).isEqualTo("lifecycle.refuse.notOnBoard");
            elections.moveTo(b, ElectionStatus.OPEN);
        }
        assertThat(elections.find(a).orElseThrow().status()).isEqualTo(ElectionStatus.OPEN);
        assertThat(audit.newest(200)).filteredOn(e -> e.subject().equals("election:" + b))
                .filteredOn(e -> e.action().equals("election.statusRefused")).extracting(AuditEntry::actor)
                .contains("seat.teller.a");
    }

    @Test
    void the_polls_open_only_when_every_seat_is_tied_to_its_teller_and_seats_are_fixed_once_the_key_is_made() {
        long id = elections.create(new ElectionDetails("Hội nghị thiếu ghế", "HĐND xã Mỹ Hòa", "Hội trường",
                LocalDateTime.of(2026, 12, 23, 8, 0), BallotKind.THREE_LEVEL, RuleSet.NQ_96_2023));
        elections.addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
        elections.addVoter(id, new NewVoter("Lê Thị B", "Đại biểu", "HĐND xã"));
        elections.addTeller(id, "Ngô Văn C", true);
        elections.addTeller(id, "Đỗ Thị D", false);
        elections.setSeatAccount(id, elections.tellers(id).getFirst().id(), Optional.of(tellerAccount("seat.head")));
        elections.moveTo(id, ElectionStatus.READY);
        // The organiser sees what is missing before the board meets.
        assertThat(elections.refusalsFor(id, ElectionStatus.OPEN)).extracting(Refusal::key)
                .contains("lifecycle.refuse.noKey", "lifecycle.refuse.seatsWithoutAccount");
        try (var head = Acting.as("seat.head", "TELLER")) {
            elections.recordKeyMade(id, MANIFEST_HASH);
            assertThat(refusal(() -> elections.moveTo(id, ElectionStatus.OPEN)))
                    .isEqualTo("lifecycle.refuse.seatsWithoutAccount");
        }
        // The key was dealt to the seats as they were: they cannot change now.
        long second = elections.tellers(id).get(1).id();
        assertThat(refusal(() -> elections.setSeatAccount(id, second, Optional.of(tellerAccount("seat.late")))))
                .isEqualTo("teller.error.seatLocked");
    }

    @Test
    void a_seat_takes_an_enabled_teller_account_and_one_account_sits_once_per_board() {
        long id = elections.create(new ElectionDetails("Hội nghị chọn ghế", "HĐND xã Mỹ Hòa", "Hội trường",
                LocalDateTime.of(2026, 12, 23, 8, 0), BallotKind.THREE_LEVEL, RuleSet.NQ_96_2023));
        elections.addTeller(id, "Ngô Văn C", true);
        elections.addTeller(id, "Đỗ Thị D", false);
        long first = elections.tellers(id).get(0).id();
        long second = elections.tellers(id).get(1).id();
        if (accounts.find("seat.organiser").isEmpty()) {
            accounts.create("seat.organiser", "Ban tổ chức", Role.ADMIN);
        }
        assertThat(refusal(() -> elections.setSeatAccount(id, first, Optional.of("seat.organiser"))))
                .isEqualTo("teller.error.notATeller");
        assertThat(refusal(() -> elections.setSeatAccount(id, first, Optional.of("no.such.person"))))
                .isEqualTo("teller.error.notATeller");
        elections.setSeatAccount(id, first, Optional.of(tellerAccount("seat.twice")));
        assertThat(refusal(() -> elections.setSeatAccount(id, second, Optional.of("seat.twice"))))
                .isEqualTo("teller.error.alreadySeated");
        assertThat(elections.tellers(id).get(0).account()).contains("seat.twice");
        assertThat(elections.tellers(id).get(1).account()).isEmpty();
        assertThat(audit.newest(50)).filteredOn(e -> e.action().equals("teller.account")).isNotEmpty();
    }
}
