package vn.tinnhiem.kiosk.ui;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;

import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.kiosk.KioskStatus;
import vn.tinnhiem.kiosk.KioskSummary;
import vn.tinnhiem.shared.ui.HomeSection;

/** The organiser's home says how many tablets are enrolled and waiting, with the way to the tablets. */
@Component
class KiosksOnHome implements HomeSection {

    private final KioskService kiosks;

    KiosksOnHome(KioskService kiosks) {
        this.kiosks = kiosks;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> build() {
        if (!kiosks.manageTablets().isShown()) {
            return Optional.empty();
        }
        UI ui = UI.getCurrent();
        List<KioskSummary> all = kiosks.list();
        long enrolled = all.stream().filter(s -> s.kiosk().status() == KioskStatus.ACTIVE).count();
        long waiting = all.stream().filter(s -> s.kiosk().status() == KioskStatus.PENDING).count();
        var link = new Anchor("kiosks", ui.getTranslation("kiosks.title"));
        link.addClassName("link-button");
        link.setId("home-kiosks-link");
        var section = new Div(new H2(ui.getTranslation("kiosks.title")),
                new Paragraph(ui.getTranslation("kiosks.home", enrolled, waiting)), link);
        section.setId("home-kiosks");
        return Optional.of(section);
    }
}
