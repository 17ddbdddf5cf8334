package vn.tinnhiem.election.ui;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;

import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.Refusal;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ui.HomeSection;
import vn.tinnhiem.shared.ui.Notifications;

/**
 * The conferences on each role's home, one card each: the organiser sees every conference and its next
 * step (what is still missing before READY), the tally board the conferences it will work at, a
 * supervisor the conferences they are named for and what the supervision screen shows there. The organiser
 * opens the conference's screen, a teller the board's screen of a conference they sit on, a supervisor the
 * supervision screen ({@code supervise/<id>}, another module's, reached by its address).
 */
@Component
class ConferencesOnHome implements HomeSection {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final Set<ElectionStatus> TELLERS_SEE = Set.of(ElectionStatus.READY, ElectionStatus.OPEN);

    private final ElectionService elections;

    ConferencesOnHome(ElectionService elections) {
        this.elections = elections;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> build() {
        UI ui = UI.getCurrent();
        boolean admin = CurrentStaff.hasRole("ADMIN");
        boolean teller = !admin && CurrentStaff.hasRole("TELLER");
        boolean supervisor = !admin && !teller && CurrentStaff.hasRole("SUPERVISOR");
        if (!admin && !teller && !supervisor) {
            return Optional.empty();
        }
        // A teller sees only the conferences whose board they sit on: they act on no other.
        // A supervisor only those they are named for: they watch no other.
        List<Election> shown = teller
                ? elections.boardsOfCurrentTeller().stream().filter(e -> TELLERS_SEE.contains(e.status())).toList()
                : supervisor ? elections.supervisedByCurrentSupervisor() : elections.list();
        var section = new Div();
        section.setId("home-conferences");
        section.add(new H3(ui.getTranslation(teller ? "home.conferences.teller"
                : supervisor ? "home.conferences.supervisor" : "home.conferences")));
        if (shown.isEmpty()) {
            var none = new Paragraph(ui.getTranslation(admin ? "home.conferences.noneAdmin"
                    : teller ? "home.conferences.noneTeller" : "home.conferences.noneSupervisor"));
            none.setId("home-no-conference");
            section.add(none);
        }
        for (Election e : shown) {
            var card = new Div();
            card.addClassName("home-card");
            var title = new Div(e.title());
            title.addClassName("cell-main");
            var when = new Div(ui.getTranslation("status." + e.status().name()) + " · "
                    + e.details().startsAt().format(WHEN));
            when.addClassName("cell-details");
            var next = new Div(admin ? organisersNextStep(ui, e) : teller ? tellersNextStep(ui, e)
                    : supervisorsNextStep(ui, e));
            next.addClassName("home-next");
            card.add(title, when, next);
            if (admin || teller) {
                var open = new Anchor((admin ? "elections/" : "board/") + e.id(), ui.getTranslation("home.conferences.open"));
                open.addClassName("link-button");
                open.setId("home-open-" + e.id());
                card.add(open);
            } else {
                var watch = new Anchor("supervise/" + e.id(), ui.getTranslation("home.conferences.supervise"));
                watch.addClassName("link-button");
                watch.setId("home-supervise-" + e.id());
                card.add(watch);
            }
            section.add(card);
        }
        return Optional.of(section);
    }

    private String organisersNextStep(UI ui, Election e) {
        if (e.status() == ElectionStatus.DRAFT) {
            List<Refusal> missing = elections.refusalsFor(e.id(), ElectionStatus.READY);
            if (missing.isEmpty()) {
                return ui.getTranslation("home.next.admin.canReady");
            }
            return ui.getTranslation("home.next.admin.missing", missing.stream()
                    .map(r -> Notifications.translate(r.key(), r.args().toArray())).collect(Collectors.joining(" ")));
        }
        return switch (e.status()) {
            case READY -> ui.getTranslation("home.next.admin.ready");
            case OPEN -> ui.getTranslation("home.next.admin.open");
            case CLOSED -> ui.getTranslation("home.next.admin.closed");
            default -> ui.getTranslation("home.next.admin.tallied");
        };
    }

    private static String tellersNextStep(UI ui, Election e) {
        return e.status() == ElectionStatus.READY ? ui.getTranslation("home.next.teller.ready")
                : ui.getTranslation("home.next.teller.open");
    }

    private static String supervisorsNextStep(UI ui, Election e) {
        return switch (e.status()) {
            case OPEN -> ui.getTranslation("home.next.supervisor.open");
            case CLOSED, TALLIED -> ui.getTranslation("home.next.supervisor.closed");
            default -> ui.getTranslation("home.next.supervisor.other");
        };
    }
}
