package vn.tinnhiem.shared.ui;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

import vn.tinnhiem.shared.CurrentStaff;

/**
 * The shell for staff screens: the menu lists only the screens the signed-in role may open (each
 * view's @Menu title is a message key), a language switch and sign-out.
 */
@PermitAll
public class MainLayout extends AppLayout {

    private final Main main = new Main();

    public MainLayout(AuthenticationContext authentication) {
        // On a phone only the short name fits beside the language switch and sign-out.
        var longName = new Span(getTranslation("app.name"));
        longName.addClassName("app-title-long");
        var shortName = new Span("TinNhiem");
        shortName.addClassName("app-title-short");
        var title = new Span(longName, shortName);
        title.addClassName("app-title");

        var user = new Span(authentication.getPrincipalName().orElse(""));
        user.addClassName("app-user");
        var signOut = new Button(getTranslation("app.signOut"), VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        signOut.setAriaLabel(getTranslation("app.signOut"));
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        signOut.setId("sign-out");
        var changePassword = new Button(VaadinIcon.KEY.create(), e -> getUI().ifPresent(ui -> ui.navigate("password")));
        changePassword.setAriaLabel(getTranslation("password.open"));
        changePassword.setTooltipText(getTranslation("password.open"));
        changePassword.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        changePassword.setMinWidth("44px");
        changePassword.setId("change-password");

        var toggle = new DrawerToggle();
        toggle.setAriaLabel(getTranslation("menu.toggle"));
        var header = new HorizontalLayout(toggle, title, new LanguageSwitch(), user, changePassword, signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.addClassName("app-header");
        addToNavbar(header);

        var nav = new SideNav();
        MenuConfiguration.getMenuEntries().forEach(entry ->
                nav.addItem(new SideNavItem(getTranslation(entry.title()), entry.path())));
        nav.setId("main-menu");
        // On a phone the header has no room for who is signed in: the menu says it.
        String who = authentication.getPrincipalName().orElse("")
                + CurrentStaff.role().map(r -> " · " + getTranslation("role." + r)).orElse("");
        var signedIn = new Div(new Span(getTranslation("app.signedInAs")), new Span(who));
        signedIn.addClassName("drawer-user");
        signedIn.setId("drawer-user");
        addToDrawer(nav, signedIn);
        setPrimarySection(Section.NAVBAR);
        setI18n(ComponentTexts.appLayout());
        setContent(main);
    }

    /** Each screen inside one {@code <main>}: the landmark a screen reader jumps to, past the header and menu. */
    @Override
    public void showRouterLayoutContent(HasElement content) {
        main.getElement().removeAllChildren();
        if (content != null) {
            main.getElement().appendChild(content.getElement());
        }
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        main.getElement().removeAllChildren();
    }
}
