package vn.tinnhiem.account.ui;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.StaffAccount;

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
            var auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName())) {
                return;
            }
            if (accounts.find(auth.getName()).map(StaffAccount::mustChangePassword).orElse(false)) {
                enter.forwardTo(ChangePasswordView.class);
            }
        }));
    }
}
