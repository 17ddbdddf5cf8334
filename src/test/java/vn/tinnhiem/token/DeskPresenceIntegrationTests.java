package vn.tinnhiem.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.DeskRoll;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.RollEntry;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/**
 * Presence at the desk: the roll found by part of a name without diacritics, a voter ticked present (and
 * the tick taken back) only by a teller of the conference's board, once, while READY or OPEN.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class DeskPresenceIntegrationTests {

    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    AuditLog audit;

    private static void refusedWith(Runnable call, String key) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(UserFacingException.class,
                e -> assertThat(e.key()).isEqualTo(key));
    }

    private static List<String> names(DeskRoll roll) {
        return roll.entries().stream().map(e -> e.voter().fullName()).toList();
    }

    @Test
    void the_roll_is_found_by_part_of_a_name_with_diacritics_optional() {
        var c = DeskConferences.ready(elections, accounts, List.of("Nguyễn Văn An", "Nguyễn Thị Vân", "Đỗ Đức Cường",
                "Lê Văn Đông", "Trần Nguyên"));
        try (var teller = Acting.as(c.teller(), "TELLER")) {
            assertThat(names(elections.deskPresence().deskRoll(c.id(), "nguyen van", 0, 20))).containsExactly("Nguyễn Văn An");
            assertThat(names(elections.deskPresence().deskRoll(c.id(), "NGUYEN", 0, 20))).containsExactly("Nguyễn Văn An",
                    "Nguyễn Thị Vân", "Trần Nguyên");
            assertThat(names(elections.deskPresence().deskRoll(c.id(), "do duc", 0, 20))).containsExactly("Đỗ Đức Cường");
            assertThat(names(elections.deskPresence().deskRoll(c.id(), "đông", 0, 20))).containsExactly("Lê Văn Đông");
            assertThat(names(elections.deskPresence().deskRoll(c.id(), "van", 0, 20))).containsExactly("Nguyễn Văn An",
                    "Nguyễn Thị Vân", "Lê Văn Đông");
            DeskRoll all = elections.deskPresence().deskRoll(c.id(), "", 0, 2);
            assertThat(all.entries()).hasSize(2);
            assertThat(all.matching()).isEqualTo(5);
            assertThat(all.onRoll()).isEqualTo(5);
        }
    }

    @Test
    void a_teller_of_another_board_cannot_open_this_desk_nor_search_its_roll_and_the_refusal_is_on_the_record() {
        var c = DeskConferences.ready(elections, accounts, List.of("Nguyễn Văn Mật", "Lê Thị Kín"));
        var other = DeskConferences.ready(elections, accounts, List.of("Phạm Văn Cường"));
        try (var stranger = Acting.as(other.teller(), "TELLER")) {
            refusedWith(() -> elections.deskPresence().deskRoll(c.id(), "", 0, 1), "desk.error.notOnBoard");
            refusedWith(() -> elections.deskPresence().deskRoll(c.id(), "qxz mật", 0, 20), "desk.error.notOnBoard");
            // Their own board's desk still opens.
            assertThat(names(elections.deskPresence().deskRoll(other.id(), "cuong", 0, 20))).containsExactly("Phạm Văn Cường");
        }
        var refusals = audit.newest(50).stream().filter(e -> e.action().equals("desk.refused")
                && e.subject().equals("election:" + c.id())).toList();
        assertThat(refusals).hasSize(2).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(other.teller());
            assertThat(e.fields().get("reason")).contains("notOnBoard");
            // What was typed into the search is not written down.
            assertThat(e.details()).doesNotContain("qxz");
        });
        // The organiser still looks at the desk (read only), and the board's own teller searches it.
        assertThat(names(elections.deskPresence().deskRoll(c.id(), "kin", 0, 20))).containsExactly("Lê Thị Kín");
        try (var teller = Acting.as(c.teller(), "TELLER")) {
            assertThat(names(elections.deskPresence().deskRoll(c.id(), "mat", 0, 20))).containsExactly("Nguyễn Văn Mật");
        }
    }

    @Test
    void a_teller_of_the_board_ticks_a_voter_present_once_and_can_take_it_back() {
        var c = DeskConferences.ready(elections, accounts, List.of("Nguyễn Văn An", "Lê Thị Bình"));
        var other = DeskConferences.ready(elections, accounts, List.of("Phạm Văn Cường"));
        long an = elections.voterRoll().voters(c.id()).getFirst().id();
        refusedWithAccessDenied(() -> elections.deskPresence().markPresent(c.id(), an, true));
        try (var stranger = Acting.as(other.teller(), "TELLER")) {
            refusedWith(() -> elections.deskPresence().markPresent(c.id(), an, true), "desk.error.notOnBoard");
        }
        try (var teller = Acting.as(c.teller(), "TELLER")) {
            elections.deskPresence().markPresent(c.id(), an, true);
            refusedWith(() -> elections.deskPresence().markPresent(c.id(), an, true), "desk.error.alreadyPresent");
            DeskRoll roll = elections.deskPresence().deskRoll(c.id(), "an", 0, 20);
            assertThat(roll.entries()).extracting(RollEntry::present).containsExactly(true);
            assertThat(roll.present()).isEqualTo(1);
            elections.deskPresence().markPresent(c.id(), an, false);
            refusedWith(() -> elections.deskPresence().markPresent(c.id(), an, false), "desk.error.notPresent");
            assertThat(elections.deskPresence().deskRoll(c.id(), "", 0, 20).present()).isZero();
            long stranger = elections.voterRoll().voters(other.id()).getFirst().id();
            refusedWith(() -> elections.deskPresence().markPresent(c.id(), stranger, true), "voter.error.missing");
        }
        elections.lifecycle().moveTo(c.id(), ElectionStatus.DRAFT);
        try (var teller = Acting.as(c.teller(), "TELLER")) {
            refusedWith(() -> elections.deskPresence().markPresent(c.id(), an, true), "desk.error.presenceStatus");
        }
    }

    private static void refusedWithAccessDenied(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
