package vn.tinnhiem.token.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;

import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.ConferenceSteps;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.CardsHomeActions;
import vn.tinnhiem.token.DeskPermissions;
import vn.tinnhiem.token.TokenService;

/**
 * On the home card of a conference whose lists are fixed or whose polls are open: its voting cards in figures,
 * the desk (the board's, the organiser may look), and for the organiser the cards to print, named as the next
 * step while none is printed.
 */
@Component
class CardsOnHome implements ConferenceSteps {

    private final TokenService tokens;
    private final DeskPermissions permissions;

    CardsOnHome(TokenService tokens, DeskPermissions permissions) {
        this.tokens = tokens;
        this.permissions = permissions;
    }

    @Override
    public Optional<Part> part(ElectionId electionId, String status) {
        CardsHomeActions actions = permissions.home(electionId);
        if (!actions.desk().isShown()) {
            return Optional.empty();
        }
        UI ui = UI.getCurrent();
        CardCounts c = tokens.counts(electionId);
        String figures = c.total() == 0 ? ui.getTranslation("home.cards.none")
                : ui.getTranslation("cards.counts", c.total(), c.printed(), c.activated(), c.spent(), c.voided());
        List<com.vaadin.flow.component.Component> links = new ArrayList<>();
        var desk = new Anchor("desk/" + electionId, ui.getTranslation("home.desk.open"));
        desk.addClassName("link-button");
        desk.setId("home-desk-" + electionId);
        links.add(desk);
        Optional<String> next = Optional.empty();
        if (actions.print().isAllowed()) {
            var print = new Anchor("cards/" + electionId, ui.getTranslation("home.cards.open"));
            print.addClassName("link-button");
            print.setId("home-cards-" + electionId);
            links.add(print);
            if (actions.printNext()) {
                next = Optional.of(ui.getTranslation("home.next.admin.printCards"));
            }
        }
        return Optional.of(new Part(20, next, Optional.of(figures), links));
    }
}
