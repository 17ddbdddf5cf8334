package vn.tinnhiem.token.ui;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;

import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ui.HomeSection;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.TokenService;

/**
 * On the home: a teller's desks (the conferences of their board with the lists fixed or the polls open),
 * and for the organiser the same conferences with their cards to print and their desk to look at.
 */
@Component
class CardsOnHome implements HomeSection {

    private final ElectionService elections;
    private final TokenService tokens;

    CardsOnHome(ElectionService elections, TokenService tokens) {
        this.elections = elections;
        this.tokens = tokens;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> build() {
        boolean admin = CurrentStaff.hasRole("ADMIN");
        boolean teller = !admin && CurrentStaff.hasRole("TELLER");
        if (!admin && !teller) {
            return Optional.empty();
        }
        UI ui = UI.getCurrent();
        List<Election> shown = (teller ? elections.boardsOfCurrentTeller() : elections.list()).stream()
                .filter(e -> e.status() == ElectionStatus.READY || e.status() == ElectionStatus.OPEN).toList();
        if (admin && shown.isEmpty()) {
            return Optional.empty();
        }
        var section = new Div();
        section.setId("home-desk");
        section.getStyle().set("width", "100%");
        section.add(new H3(ui.getTranslation(teller ? "home.desk" : "home.cards")));
        if (shown.isEmpty()) {
            section.add(new Paragraph(ui.getTranslation("home.desk.none")));
        }
        for (Election e : shown) {
            var card = new Div();
            // Looks like the conference cards above, without being one of them.
            card.addClassName("desk-home-card");
            card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)")
                    .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "var(--lumo-space-m)")
                    .set("margin-block", "var(--lumo-space-s)");
            var title = new Div(e.title());
            title.addClassName("cell-main");
            CardCounts c = tokens.counts(e.id());
            var details = new Div(ui.getTranslation("status." + e.status().name()) + " · "
                    + ui.getTranslation("cards.counts", c.total(), c.printed(), c.activated(), c.spent(), c.voided()));
            details.addClassName("cell-details");
            var links = new Div();
            links.addClassName("home-links");
            var desk = new Anchor("desk/" + e.id(), ui.getTranslation("home.desk.open"));
            desk.addClassName("link-button");
            desk.setId("home-desk-" + e.id());
            links.add(desk);
            if (admin) {
                var print = new Anchor("cards/" + e.id(), ui.getTranslation("home.cards.open"));
                print.addClassName("link-button");
                print.setId("home-cards-" + e.id());
                links.add(print);
            }
            card.add(title, details, links);
            section.add(card);
        }
        return Optional.of(section);
    }
}
