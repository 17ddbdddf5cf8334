package vn.tinnhiem.ceremony.ui;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;

import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.ceremony.CeremonyOnCard;
import vn.tinnhiem.ceremony.CeremonyStatus;
import vn.tinnhiem.ceremony.SeatCard;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.ConferenceSteps;

/**
 * On a fixed conference's home card, until the key ceremony is complete: where it stands (not started, cards
 * being printed, cards being checked back) and, for the organiser, the way to the ceremony's console. Once every
 * card is checked back it names no step: the key is made.
 */
@Component
class CeremonyOnHome implements ConferenceSteps {

    private final CeremonyService ceremonies;

    CeremonyOnHome(CeremonyService ceremonies) {
        this.ceremonies = ceremonies;
    }

    @Override
    public Optional<Part> part(ElectionId electionId, String status) {
        Optional<CeremonyOnCard> onCard = ceremonies.onHomeCard(electionId);
        if (onCard.isEmpty()) {
            return Optional.empty();
        }
        CeremonyStatus ceremony = onCard.get().status();
        boolean organiser = onCard.get().console().isAllowed();
        UI ui = UI.getCurrent();
        String who = organiser ? "admin" : "teller";
        String next = switch (ceremony.stage()) {
            case PRINTING -> ui.getTranslation("home.ceremony." + who + ".printing",
                    count(ceremony.seats(), true), ceremony.n());
            case CHECKING -> ui.getTranslation("home.ceremony." + who + ".checking",
                    count(ceremony.seats(), false), ceremony.n());
            default -> ui.getTranslation("home.ceremony." + who + ".start", ceremony.k(), ceremony.n());
        };
        List<com.vaadin.flow.component.Component> links = List.of();
        if (organiser) {
            // The console is the organiser's screen; a teller takes their card there, confirming with their password.
            var console = new Anchor("ceremony/" + electionId, ui.getTranslation("home.ceremony.open"));
            console.addClassName("link-button");
            console.setId("home-ceremony-" + electionId);
            links = List.of(console);
        }
        return Optional.of(new Part(10, Optional.of(next), Optional.empty(), links));
    }

    private static long count(List<SeatCard> seats, boolean issued) {
        return seats.stream().filter(issued ? SeatCard::issued : SeatCard::checked).count();
    }
}
