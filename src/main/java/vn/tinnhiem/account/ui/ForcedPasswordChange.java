package vn.tinnhiem.account.ui;

import org.springframework.stereotype.Component;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.StaffAccount;
import vn.tinnhiem.shared.CurrentStaff;

/** Until the one-time password is replaced, every screen but the password form is out of reach. */
@Component
class ForcedPasswordChange implements VaadinServiceInitListener {

    private final AccountService accounts;

    ForcedPasswordChange(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(enter -> {
            var target = enter.getNavigationTarget();
            if (target == ChangePasswordView.class || target == LoginView.class) {
                return;
            }
            if (CurrentStaff.username().flatMap(accounts::find).map(StaffAccount::mustChangePassword).orElse(false)) {
                enter.forwardTo(ChangePasswordView.class);
            }
        }));
    }
}
