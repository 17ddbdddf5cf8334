package vn.tinnhiem.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.LifecycleRefusedException;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/**
 * Every refusal the log promises is still in the log after the refused call has thrown and its
 * transaction has rolled back: read back from the database, not from the call's return value.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class RefusalsOnTheRecordIntegrationTests {

    @Autowired
    AuditLog audit;
    @Autowired
    AccountService accounts;
    @Autowired
    Elections elections;
    @Autowired
    Lifecycle lifecycle;

    private List<AuditEntry> entriesFor(String subject) {
        return audit.newest(500).stream().filter(e -> e.subject().equals(subject)).toList();
    }

    @Test
    void a_failed_password_change_stays_on_the_record() {
        accounts.create("refusal.pw", "Người thử mật khẩu", Role.TELLER);
        try (var self = Acting.as("refusal.pw", "TELLER")) {
            assertThatThrownBy(() -> accounts.changeOwnPassword("not-the-password", "a-new-password-123"))
                    .isInstanceOf(UserFacingException.class);
        }
        assertThat(entriesFor("account:refusal.pw")).extracting(AuditEntry::action)
                .contains("account.changePasswordFailed");
        assertThat(audit.verifyChain().isIntact()).isTrue();
    }

    @Test
    void a_refused_lifecycle_step_stays_on_the_record_with_its_reasons() {
        ElectionId id = elections.create(new ElectionDetails("Hội nghị bị từ chối", "HĐND xã", "Hội trường",
                LocalDateTime.of(2026, 12, 21, 8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
        assertThatThrownBy(() -> lifecycle.moveTo(id, ElectionStatus.READY))
                .isInstanceOf(LifecycleRefusedException.class);
        try (var teller = Acting.as("some.teller", "TELLER")) {
            assertThatThrownBy(() -> lifecycle.moveTo(id, ElectionStatus.DRAFT))
                    .isInstanceOf(LifecycleRefusedException.class);
        }
        List<AuditEntry> refusals = entriesFor("election:" + id).stream()
                .filter(e -> e.action().equals("election.statusRefused")).toList();
        assertThat(refusals).hasSize(2);
        assertThat(refusals).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("organiser");
            assertThat(e.details()).contains("to=READY").contains("lifecycle.refuse.noCandidates");
        });
        assertThat(refusals).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("some.teller");
            assertThat(e.details()).contains("lifecycle.refuse.organiserOnly");
        });
        assertThat(elections.find(id).orElseThrow().status()).isEqualTo(ElectionStatus.DRAFT);
        assertThat(audit.verifyChain().isIntact()).isTrue();
    }
}
