package vn.tinnhiem.account.ui;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import vn.tinnhiem.shared.database.DatabaseFailure;
import vn.tinnhiem.shared.ui.LanguageSwitch;

/**
 * Staff sign-in. Every refusal (wrong password, unknown name, locked or disabled account, an address
 * paused after too many failures) gets the same words, so the page never confirms that a name exists.
 * The name typed stays in its field after a refusal. A sign-in the database could not check (down, without
 * quorum, or busy) says that instead: it tells nothing about the name.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();

    public LoginView() {
        // Fields a finger can hit (44 px), as the buttons are.
        addClassName("touch-fields");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("login-view");

        form.setI18n(texts("login.error.title", "login.error.message"));
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);

        add(new LanguageSwitch(), new H1(getTranslation("app.name")),
                new Paragraph(getTranslation("login.subtitle")), form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            return;
        }
        Object last = VaadinSession.getCurrent().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        // The password could not be checked at all: say so, never "wrong user name or password".
        DatabaseFailure database = last instanceof Throwable failure ? DatabaseFailure.of(failure) : DatabaseFailure.NONE;
        if (database == DatabaseFailure.UNAVAILABLE) {
            form.setI18n(texts("login.error.database.title", "login.error.database.message"));
        } else if (database.isDatabase()) {
            form.setI18n(texts("login.error.busy.title", "login.error.busy.message"));
        }
        if (last instanceof AuthenticationException refused && refused.getAuthenticationRequest() != null
                && refused.getAuthenticationRequest().getName() != null) {
            keepUsername(refused.getAuthenticationRequest().getName());
        }
        form.setError(true);
    }

    /** Puts the name back into the form's field (rendered by the web component) and the cursor on the password. */
    private void keepUsername(String username) {
        form.getElement().executeJs("""
                const form = this;
                const fill = (tries) => {
                  const name = form.querySelector("vaadin-text-field[name='username']");
                  if (!name) { if (tries > 0) requestAnimationFrame(() => fill(tries - 1)); return; }
                  name.value = $0;
                  const password = form.querySelector("vaadin-password-field[name='password']");
                  if (password) password.focus();
                };
                fill(100);""", username);
    }

    private LoginI18n texts(String errorTitleKey, String errorMessageKey) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getForm().setForgotPassword(getTranslation("login.forgot"));
        i18n.getErrorMessage().setTitle(getTranslation(errorTitleKey));
        i18n.getErrorMessage().setMessage(getTranslation(errorMessageKey));
        return i18n;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · TinNhiem";
    }
}
