package vn.tinnhiem.shared.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

/** Where sign-in lands: the organiser goes straight to the conferences; others see their menu. */
@Route(value = "", layout = MainLayout.class)
@PermitAll
public class HomeView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final AuthenticationContext authentication;

    public HomeView(AuthenticationContext authentication) {
        this.authentication = authentication;
        add(new H2(getTranslation("home.title")), new Paragraph(getTranslation("home.text")));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (authentication.hasRole("ADMIN")) {
            event.forwardTo("elections");
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("app.name");
    }
}
