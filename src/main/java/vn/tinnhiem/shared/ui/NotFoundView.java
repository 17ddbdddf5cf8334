package vn.tinnhiem.shared.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** A wrong address or a conference that does not exist: said in the user's language, with a way back. */
@ParentLayout(MainLayout.class)
@PermitAll
public class NotFoundView extends VerticalLayout implements HasDynamicTitle, HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        var home = new Anchor("", getTranslation("error.notFound.home"));
        home.addClassName("link-button");
        add(new H1(getTranslation("error.notFound.title")), new Paragraph(getTranslation("error.notFound.text")), home);
        setId("not-found");
        return HttpServletResponse.SC_NOT_FOUND;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("error.notFound.title") + " · " + getTranslation("app.name");
    }
}
