package vn.tinnhiem.election;

import static org.assertj.core.api.Assertions.assertThat;

import static vn.tinnhiem.db.Tables.ELECTION;

import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.audit.AuditSentences;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.IntegrationTest;

/**
 * Supervisors are named for a conference in its set-up, like the board's seats, and may watch only
 * the conferences they are named for: {@link Supervisors#maySupervise} is the supervision screens' gate.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class SupervisorsIntegrationTests {

    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    AuditLog audit;
    @Autowired
    DSLContext db;

    private String account(String prefix, Role role) {
        String username = prefix + "." + System.nanoTime() % 1_000_000;
        accounts.create(username, "Người " + prefix, role);
        return username;
    }

    private ElectionId conference(ElectionStatus status) {
        return Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, Conferences.uniqueTitle("Hội nghị giám sát"), status);
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
        } catch (UserFacingException e) {
            return e.key();
        }
        return "accepted";
    }

    private boolean maySuperviseAs(String username, String role, ElectionId electionId) {
        try (var as = Acting.as(username, role)) {
            return elections.supervisors().maySupervise(electionId);
        }
    }

    @Test
    void the_organiser_names_and_removes_supervisors_and_each_step_is_on_the_record() {
        ElectionId id = conference(ElectionStatus.DRAFT);
        String first = account("gs.mot", Role.SUPERVISOR);
        String second = account("gs.hai", Role.SUPERVISOR);
        elections.supervisors().addSupervisor(id, second);
        elections.supervisors().addSupervisor(id, first);
        assertThat(elections.supervisors().named(id)).containsExactlyElementsOf(List.of(first, second).stream().sorted().toList());
        AuditEntry added = audit.newest(1).getFirst();
        assertThat(added.action()).isEqualTo("supervisor.add");
        assertThat(added.subject()).isEqualTo("election:" + id);
        assertThat(added.fields().visible()).containsExactly(java.util.Map.entry("account", first));
        assertThat(AuditSentences.describe(added, Map.of("election:" + id, "Hội nghị xã"), Languages.VIETNAMESE))
                .isEqualTo("Chọn tài khoản “" + first + "” làm giám sát viên của hội nghị “Hội nghị xã”");
        assertThat(AuditSentences.describe(added, Map.of(), Languages.ENGLISH))
                .isEqualTo("Named the account “" + first + "” a supervisor of the conference no. " + id);

        elections.supervisors().removeSupervisor(id, second);
        assertThat(elections.supervisors().named(id)).containsExactly(first);
        AuditEntry removed = audit.newest(1).getFirst();
        assertThat(removed.action()).isEqualTo("supervisor.remove");
        assertThat(removed.fields().visible()).containsExactly(java.util.Map.entry("account", second));
        assertThat(refusal(() -> elections.supervisors().removeSupervisor(id, second))).isEqualTo("supervisor.error.missing");
    }

    @Test
    void only_an_enabled_supervisor_account_is_named_and_only_once() {
        ElectionId id = conference(ElectionStatus.READY);
        String supervisor = account("gs.mot", Role.SUPERVISOR);
        String teller = account("kp.mot", Role.TELLER);
        String disabled = account("gs.nghi", Role.SUPERVISOR);
        accounts.setEnabled(accounts.find(disabled).orElseThrow().id(), false);

        assertThat(refusal(() -> elections.supervisors().addSupervisor(id, teller))).isEqualTo("supervisor.error.notASupervisor");
        assertThat(refusal(() -> elections.supervisors().addSupervisor(id, disabled))).isEqualTo("supervisor.error.notASupervisor");
        assertThat(refusal(() -> elections.supervisors().addSupervisor(id, "khong.co.ai"))).isEqualTo("supervisor.error.notASupervisor");
        assertThat(refusal(() -> elections.supervisors().addSupervisor(id, " "))).isEqualTo("supervisor.error.choose");
        // Named in READY (after the lists are fixed): a supervisor may be found on the morning of the conference.
        elections.supervisors().addSupervisor(id, supervisor);
        assertThat(refusal(() -> elections.supervisors().addSupervisor(id, supervisor))).isEqualTo("supervisor.error.already");
        assertThat(elections.supervisors().named(id)).containsExactly(supervisor);
    }

    @Test
    void a_supervisor_may_watch_only_the_conferences_they_are_named_for() {
        ElectionId mine = conference(ElectionStatus.READY);
        ElectionId others = conference(ElectionStatus.READY);
        String named = account("gs.duoc.chon", Role.SUPERVISOR);
        String notNamed = account("gs.khong.chon", Role.SUPERVISOR);
        String teller = account("kp.mot", Role.TELLER);
        elections.supervisors().addSupervisor(mine, named);

        assertThat(maySuperviseAs(named, "SUPERVISOR", mine)).isTrue();
        assertThat(maySuperviseAs(named, "SUPERVISOR", others)).isFalse();
        assertThat(maySuperviseAs(notNamed, "SUPERVISOR", mine)).isFalse();
        assertThat(maySuperviseAs(teller, "TELLER", mine)).isFalse();
        assertThat(maySuperviseAs("organiser", "ADMIN", mine)).isTrue();
        assertThat(maySuperviseAs(named, "SUPERVISOR", ElectionId.of(Long.MAX_VALUE))).isFalse();
        try (var as = Acting.as(named, "SUPERVISOR")) {
            assertThat(elections.supervisors().supervisedByCurrentSupervisor()).extracting(Election::id).containsExactly(mine);
        }
        try (var as = Acting.as(notNamed, "SUPERVISOR")) {
            assertThat(elections.supervisors().supervisedByCurrentSupervisor()).isEmpty();
        }

        // Removed, they may no longer watch it.
        elections.supervisors().removeSupervisor(mine, named);
        assertThat(maySuperviseAs(named, "SUPERVISOR", mine)).isFalse();
    }

    @Test
    void once_counted_the_supervisors_stay_as_they_were() {
        ElectionId id = conference(ElectionStatus.READY);
        String named = account("gs.giu", Role.SUPERVISOR);
        String late = account("gs.muon", Role.SUPERVISOR);
        elections.supervisors().addSupervisor(id, named);
        // The whole count is other tests' business; here only its outcome matters.
        db.update(ELECTION).set(ELECTION.STATUS, ElectionStatus.TALLIED.name()).where(ELECTION.ID.eq(id.value())).execute();
        assertThat(refusal(() -> elections.supervisors().addSupervisor(id, late))).isEqualTo("supervisor.error.locked");
        assertThat(refusal(() -> elections.supervisors().removeSupervisor(id, named))).isEqualTo("supervisor.error.locked");
        assertThat(elections.supervisors().named(id)).containsExactly(named);
        assertThat(maySuperviseAs(named, "SUPERVISOR", id)).isTrue();
    }

    @Test
    void deleting_a_draft_conference_takes_its_supervisors_with_it() {
        ElectionId id = conference(ElectionStatus.DRAFT);
        String supervisor = account("gs.xoa", Role.SUPERVISOR);
        elections.supervisors().addSupervisor(id, supervisor);
        elections.elections().delete(id);
        try (var as = Acting.as(supervisor, "SUPERVISOR")) {
            assertThat(elections.supervisors().supervisedByCurrentSupervisor()).isEmpty();
            assertThat(elections.supervisors().maySupervise(id)).isFalse();
        }
    }
}
