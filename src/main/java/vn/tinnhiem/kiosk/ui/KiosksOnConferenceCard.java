package vn.tinnhiem.kiosk.ui;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;

import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.kiosk.KioskStatus;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.ConferenceSteps;

/**
 * On the organiser's home card of a conference whose lists are fixed or whose polls are open: how many tablets
 * are enrolled for it, named as the next step while none is (no one could vote).
 */
@Component
class KiosksOnConferenceCard implements ConferenceSteps {

    private final KioskService kiosks;

    KiosksOnConferenceCard(KioskService kiosks) {
        this.kiosks = kiosks;
    }

    @Override
    public Optional<Part> part(ElectionId electionId, String status) {
        if (!kiosks.tabletsOnCard(status).isShown()) {
            return Optional.empty();
        }
        UI ui = UI.getCurrent();
        long enrolled = kiosks.list().stream().filter(s -> s.kiosk().electionId().equals(electionId)
                && s.kiosk().status() == KioskStatus.ACTIVE).count();
        Optional<String> next = enrolled == 0 ? Optional.of(ui.getTranslation("home.next.admin.enrolTablets"))
                : Optional.empty();
        List<com.vaadin.flow.component.Component> links = List.of();
        if (enrolled == 0) {
            // The tablets' screen is one for every conference; the card links to it only while this one has none.
            var tablets = new Anchor("kiosks", ui.getTranslation("home.kiosks.enrol"));
            tablets.addClassName("link-button");
            tablets.setId("home-kiosks-" + electionId);
            links = List.of(tablets);
        }
        return Optional.of(new Part(25, next, Optional.of(ui.getTranslation("home.kiosks.conference", enrolled)),
                links));
    }
}
