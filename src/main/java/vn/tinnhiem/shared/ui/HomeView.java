package vn.tinnhiem.shared.ui;

import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.HomeNow;

/**
 * Where sign-in lands, for every role: what the person can do now (with a link where the screen
 * exists), then what the modules have for them: each conference with its real next step and the links to
 * take it (the ceremony, the cards and the desk, the count, the minutes, the projector).
 */
@Route(value = "", layout = MainLayout.class)
@Menu(title = "menu.home", order = 0)
@PermitAll
public class HomeView extends VerticalLayout implements HasDynamicTitle {

    public HomeView(AuthenticationContext authentication, ObjectProvider<HomeSection> sections) {
        setId("home");
        addClassName("home");
        String role = CurrentStaff.role().orElse("");
        add(new H1(getTranslation("home.title", authentication.getPrincipalName().orElse(""))));
        var roleLine = new Paragraph(getTranslation("home.role", role.isEmpty() ? "" : getTranslation("role." + role)));
        roleLine.setId("home-role");
        add(roleLine);

        add(new H2(getTranslation("home.now")));
        HomeNow now = HomeNow.forCurrentStaff();
        if (now.lineKeys().isEmpty()) {
            add(new Paragraph(getTranslation("home.noRole")));
        } else {
            add(list("home-now", now.lineKeys().stream().map(this::getTranslation).toArray(String[]::new)));
        }
        if (!now.links().isEmpty()) {
            add(links(now.links().stream().map(l -> link(l.path(), l.id(), getTranslation(l.textKey())))
                    .toArray(Anchor[]::new)));
        }

        sections.orderedStream().sorted(Comparator.comparingInt(HomeSection::order))
                .forEach(s -> s.build().ifPresent(this::add));
    }

    private static UnorderedList list(String id, String... items) {
        var list = new UnorderedList(List.of(items).stream().map(ListItem::new).toArray(ListItem[]::new));
        list.setId(id);
        list.addClassName("home-list");
        return list;
    }

    private static Component links(Anchor... anchors) {
        var row = new Div(anchors);
        row.addClassName("home-links");
        return row;
    }

    private static Anchor link(String path, String id, String text) {
        var a = new Anchor(path, text);
        a.setId(id);
        a.addClassName("link-button");
        return a;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("app.name");
    }
}
