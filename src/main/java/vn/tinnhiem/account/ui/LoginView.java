package vn.tinnhiem.account.ui;

import org.springframework.security.authentication.LockedException;
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

import vn.tinnhiem.shared.ui.LanguageSwitch;

/** Staff sign-in. A locked account is told to wait, without saying whether the name exists. */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();

    public LoginView() {
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
        if (last instanceof LockedException) {
            form.setI18n(texts("login.locked.title", "login.locked.message"));
        }
        form.setError(true);
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
