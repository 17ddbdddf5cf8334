package vn.tinnhiem.account.ui;

import org.springframework.stereotype.Component;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import vn.tinnhiem.shared.CurrentStaff;

/**
 * Until the one-time password is replaced, every screen but the password form is out of reach. The
 * services hold the same line: such a session has no role (see CurrentStaff#PASSWORD_CHANGE_REQUIRED).
 */
@Component
class ForcedPasswordChange implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(enter -> {
            var target = enter.getNavigationTarget();
            if (target == ChangePasswordView.class || target == LoginView.class) {
                return;
            }
            if (CurrentStaff.mustChangePassword()) {
                enter.forwardTo(ChangePasswordView.class);
            }
        }));
    }
}
