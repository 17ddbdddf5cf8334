package vn.tinnhiem.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

@IntegrationTest
class AccountServiceIntegrationTests {

    @Autowired
    AccountService accounts;
    @Autowired
    PasswordEncoder encoder;

    private static String key(Runnable r) {
        try {
            r.run();
        } catch (UserFacingException e) {
            return e.key();
        }
        return "accepted";
    }

    @Test
    @WithMockUser(username = "organiser", roles = "ADMIN")
    void the_organiser_creates_accounts_with_one_time_passwords_hashed_with_argon2id() {
        NewAccount created = accounts.create("  Teller.One ", "Nguyễn Thị Một", Role.TELLER);
        assertThat(created.account().username()).isEqualTo("teller.one");
        assertThat(created.account().mustChangePassword()).isTrue();
        // Upper case and digits without look-alikes: easy to read aloud and to type from a slip.
        assertThat(created.oneTimePassword()).matches("[ACDEFGHJKMNPQRTUVWXY34679]{4}(-[ACDEFGHJKMNPQRTUVWXY34679]{4}){2}");
        assertThat(encoder.encode("x")).startsWith("$argon2id$");

        assertThat(key(() -> accounts.create("teller.one", "Người khác", Role.TELLER))).isEqualTo("account.error.exists");
        assertThat(key(() -> accounts.create("có dấu", "X", Role.TELLER))).isEqualTo("account.error.username");
        assertThat(key(() -> accounts.create("ok.name", " ", Role.TELLER))).isEqualTo("account.error.displayName");
        // "system" is the actor of system events in the audit log: no person may sign as it.
        assertThat(key(() -> accounts.create(" System ", "Giả mạo", Role.ADMIN))).isEqualTo("account.error.reserved");
        assertThat(key(() -> accounts.create("root", "Giả mạo", Role.ADMIN))).isEqualTo("account.error.reserved");
        assertThat(accounts.find("system")).isEmpty();
        assertThat(key(() -> accounts.setEnabled(accounts.find("organiser").map(StaffAccount::id)
                .orElseGet(() -> accounts.create("organiser", "Ban tổ chức", Role.ADMIN).account().id()), false)))
                .isEqualTo("account.error.disableSelf");
        // Acting as an administrator the database does not know, leave exactly one enabled ADMIN.
        try (var ghost = Acting.as("ghost.admin", "ADMIN")) {
            var last = accounts.create("second.admin", "Quản trị viên hai", Role.ADMIN).account();
            var disabled = new java.util.ArrayList<Long>();
            for (var admin : accounts.list()) {
                if (admin.role() == Role.ADMIN && admin.enabled() && admin.id() != last.id()) {
                    accounts.setEnabled(admin.id(), false);
                    disabled.add(admin.id());
                }
            }
            assertThat(key(() -> accounts.setEnabled(last.id(), false))).isEqualTo("account.error.lastAdmin");
            disabled.forEach(adminId -> accounts.setEnabled(adminId, true));
        }
        long teller = accounts.find("teller.one").orElseThrow().id();
        accounts.setEnabled(teller, false);
        assertThat(accounts.find("teller.one").orElseThrow().enabled()).isFalse();
    }

    @Test
    void changing_a_password_needs_the_current_one_and_clears_the_forced_change() {
        String oneTime;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            oneTime = accounts.create("teller.two", "Trần Văn Hai", Role.TELLER).oneTimePassword();
        }
        try (var teller = Acting.as("teller.two", "TELLER")) {
            assertThat(key(() -> accounts.changeOwnPassword("wrong", "a-long-new-password"))).isEqualTo("account.error.currentPassword");
            assertThat(key(() -> accounts.changeOwnPassword(oneTime, "short"))).isEqualTo("account.error.tooShort");
            assertThat(key(() -> accounts.changeOwnPassword(oneTime, oneTime))).isEqualTo("account.error.samePassword");
            accounts.changeOwnPassword(oneTime, "a-long-new-password");
            assertThat(accounts.find("teller.two").orElseThrow().mustChangePassword()).isFalse();
            assertThatThrownBy(accounts::list).isInstanceOf(AuthorizationDeniedException.class);
        }
    }
}
