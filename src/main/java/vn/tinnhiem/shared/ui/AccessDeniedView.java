package vn.tinnhiem.shared.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

import vn.tinnhiem.shared.CurrentStaff;

/**
 * A signed-in person opened a screen that is not for their role (a teller at the set-up screens): say
 * so in their language and send them home, instead of Vaadin's "not found" that suggests the conference
 * was deleted. It does not say whether the address leads anywhere.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class AccessDeniedView extends VerticalLayout implements HasDynamicTitle, HasErrorParameter<AccessDeniedException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        String role = CurrentStaff.role().map(r -> getTranslation("role." + r)).orElse("");
        var home = new Anchor("", getTranslation("error.notFound.home"));
        home.addClassName("link-button");
        home.setId("access-denied-home");
        add(new H1(getTranslation("error.denied.title")), new Paragraph(getTranslation("error.denied.text", role)), home);
        setId("access-denied");
        return HttpServletResponse.SC_FORBIDDEN;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("error.denied.title") + " · " + getTranslation("app.name");
    }
}
