package vn.tinnhiem.account.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Notifications;

/** Choose a new password: forced at first sign-in and after a reset, open to anyone signed in. */
@Route(value = "password", layout = MainLayout.class)
@PermitAll
public class ChangePasswordView extends VerticalLayout implements HasDynamicTitle {

    public ChangePasswordView(AccountService accounts) {
        // Fields a finger can hit (44 px), as the buttons are.
        addClassName("touch-fields");
        setMaxWidth("32em");
        var current = new PasswordField(getTranslation("password.current"));
        ComponentTexts.reveal(current);
        current.setId("current-password");
        var fresh = new PasswordField(getTranslation("password.new"));
        ComponentTexts.reveal(fresh);
        fresh.setId("new-password");
        fresh.setHelperText(getTranslation("password.rule"));
        var again = new PasswordField(getTranslation("password.again"));
        ComponentTexts.reveal(again);
        again.setId("new-password-again");
        for (var f : new PasswordField[] {current, fresh, again}) {
            f.setWidthFull();
        }
        var save = new Button(getTranslation("password.save"), e -> {
            if (!fresh.getValue().equals(again.getValue())) {
                again.setInvalid(true);
                again.setErrorMessage(getTranslation("password.mismatch"));
                return;
            }
            for (var f : new PasswordField[] {current, fresh, again}) {
                f.setInvalid(false);
            }
            try {
                accounts.changeOwnPassword(current.getValue(), fresh.getValue());
                Notifications.success(getTranslation("password.changed"));
                getUI().ifPresent(ui -> ui.navigate(""));
            } catch (UserFacingException ex) {
                // At the field it is about: the current password, or the new one.
                var field = ex.key().equals("account.error.currentPassword") ? current : fresh;
                field.setErrorMessage(Notifications.translate(ex.key(), ex.args()));
                field.setInvalid(true);
            }
        });
        save.setId("save-password");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        add(new H1(getTranslation("password.title")), new Paragraph(getTranslation("password.intro")), current, fresh,
                again, save);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("password.title");
    }
}
