package vn.tinnhiem.election.ui;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;

import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Supervisors;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.ConferenceSteps;
import vn.tinnhiem.shared.ui.HomeSection;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.shared.Roles;

/**
 * The conferences on each role's home, one card each, with the next step read from what is true now: the
 * organiser sees every conference, the tally board every conference it sits on from the fixed lists to the
 * minutes (after a restart, a new sign-in or the idle logout this is the board's way back to the count), a
 * supervisor the conferences they are named for. The other modules add their part of each card (the ceremony,
 * the cards and the desk, the tablets, the count, its minutes and the projector) through {@link ConferenceSteps};
 * the first part that names a next step gives the card's "Tiếp theo", otherwise the lifecycle's own rules do.
 */
@Component
class ConferencesOnHome implements HomeSection {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConferencesOnHome.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    /** The board works at a conference from the fixed lists to the minutes; a DRAFT is the organiser's alone. */
    private static final Set<ElectionStatus> TELLERS_SEE = Set.of(ElectionStatus.READY, ElectionStatus.OPEN,
            ElectionStatus.CLOSED, ElectionStatus.TALLIED);
    /** Refusals about who acts, not about the conference: they say nothing about what is still to be done. */
    private static final Set<String> ABOUT_THE_ROLE = Set.of("lifecycle.refuse.tellersOnly",
            "lifecycle.refuse.organiserOnly", "lifecycle.refuse.notOnBoard");

    private final Elections elections;
    private final TallyBoard tallyBoard;
    private final Supervisors supervisors;
    private final Lifecycle lifecycle;
    private final ObjectProvider<ConferenceSteps> steps;

    ConferencesOnHome(Elections elections, TallyBoard tallyBoard, Supervisors supervisors, Lifecycle lifecycle,
            ObjectProvider<ConferenceSteps> steps) {
        this.elections = elections;
        this.tallyBoard = tallyBoard;
        this.supervisors = supervisors;
        this.lifecycle = lifecycle;
        this.steps = steps;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> build() {
        UI ui = UI.getCurrent();
        boolean admin = CurrentStaff.hasRole(Roles.ADMIN);
        boolean teller = !admin && CurrentStaff.hasRole(Roles.TELLER);
        boolean supervisor = !admin && !teller && CurrentStaff.hasRole(Roles.SUPERVISOR);
        if (!admin && !teller && !supervisor) {
            return Optional.empty();
        }
        // A teller sees only the conferences whose board they sit on: they act on no other.
        // A supervisor only those they are named for: they watch no other.
        List<Election> shown = teller
                ? tallyBoard.boardsOfCurrentTeller().stream().filter(e -> TELLERS_SEE.contains(e.status())).toList()
                : supervisor ? supervisors.supervisedByCurrentSupervisor() : elections.list();
        var section = new Div();
        section.setId("home-conferences");
        section.add(new H2(ui.getTranslation(teller ? "home.conferences.teller"
                : supervisor ? "home.conferences.supervisor" : "home.conferences")));
        if (shown.isEmpty()) {
            var none = new Paragraph(ui.getTranslation(admin ? "home.conferences.noneAdmin"
                    : teller ? "home.conferences.noneTeller" : "home.conferences.noneSupervisor"));
            none.setId("home-no-conference");
            section.add(none);
        }
        for (Election e : shown) {
            section.add(card(ui, e, admin, teller));
        }
        return Optional.of(section);
    }

    private Div card(UI ui, Election e, boolean admin, boolean teller) {
        var card = new Div();
        card.addClassName("home-card");
        card.setId("home-card-" + e.id());
        var title = new Div(e.title());
        title.addClassName("cell-main");
        var when = new Div(ui.getTranslation("status." + e.status().name()) + " · "
                + e.details().startsAt().format(WHEN));
        when.addClassName("cell-details");
        card.add(title, when);
        // Supervisors get no other module's part: they watch figures, never the count's screens or documents.
        List<ConferenceSteps.Part> parts = admin || teller
                ? steps.orderedStream().flatMap(s -> part(s, e).stream())
                        .sorted(Comparator.comparingInt(ConferenceSteps.Part::order)).toList()
                : List.of();
        String nextStep = parts.stream().flatMap(p -> p.next().stream()).findFirst()
                .orElseGet(() -> admin ? organisersNextStep(ui, e) : teller ? tellersNextStep(ui, e)
                        : supervisorsNextStep(ui, e));
        var next = new Div(nextStep);
        next.addClassName("home-next");
        next.setId("home-next-" + e.id());
        card.add(next);
        parts.forEach(p -> p.details().ifPresent(d -> {
            var line = new Div(d);
            line.addClassName("cell-details");
            card.add(line);
        }));
        var links = new Div();
        links.addClassName("home-links");
        if (admin || teller) {
            var open = new Anchor((admin ? "elections/" : "board/") + e.id(),
                    ui.getTranslation(admin ? "home.conferences.open" : "home.conferences.board"));
            open.addClassName("link-button");
            open.setId("home-open-" + e.id());
            links.add(open);
            parts.forEach(p -> p.links().forEach(links::add));
        } else {
            var watch = new Anchor("supervise/" + e.id(), ui.getTranslation("home.conferences.supervise"));
            watch.addClassName("link-button");
            watch.setId("home-supervise-" + e.id());
            links.add(watch);
        }
        card.add(links);
        return card;
    }

    /**
     * One module's part, or none when that module refuses to read this conference as it stands (a state it does
     * not expect): the card then shows the lifecycle's own step, and the rest of the home still works.
     */
    private static Optional<ConferenceSteps.Part> part(ConferenceSteps steps, Election e) {
        try {
            return steps.part(e.id(), e.status().name());
        } catch (UserFacingException refused) {
            LOG.warn("The home card of conference {} left out a part: {}", e.id(), refused.key());
            return Optional.empty();
        }
    }

    /** What the organiser does next, or waits for, when no other module has a step of its own to name. */
    private String organisersNextStep(UI ui, Election e) {
        return switch (e.status()) {
            case DRAFT -> {
                List<Refusal> missing = lifecycle.refusalsFor(e.id(), ElectionStatus.READY);
                yield missing.isEmpty() ? ui.getTranslation("home.next.admin.canReady")
                        : ui.getTranslation("home.next.admin.missing", sentences(missing));
            }
            case READY -> {
                String missing = beforeOpening(e);
                yield missing.isEmpty() ? ui.getTranslation("home.next.admin.ready")
                        : ui.getTranslation("home.next.beforeOpen", missing);
            }
            case OPEN -> ui.getTranslation("home.next.admin.open");
            case CLOSED -> ui.getTranslation("home.next.admin.closed");
            case TALLIED -> ui.getTranslation("home.next.admin.tallied");
        };
    }

    /** The same for a teller of the conference's board. */
    private String tellersNextStep(UI ui, Election e) {
        return switch (e.status()) {
            case READY -> {
                String missing = beforeOpening(e);
                yield missing.isEmpty() ? ui.getTranslation("home.next.teller.ready")
                        : ui.getTranslation("home.next.beforeOpen", missing);
            }
            case OPEN -> ui.getTranslation("home.next.teller.open");
            case CLOSED -> ui.getTranslation("home.next.teller.closed");
            default -> ui.getTranslation("home.next.teller.tallied");
        };
    }

    private static String supervisorsNextStep(UI ui, Election e) {
        return switch (e.status()) {
            case OPEN -> ui.getTranslation("home.next.supervisor.open");
            case CLOSED -> ui.getTranslation("home.next.supervisor.closed");
            case TALLIED -> ui.getTranslation("home.next.supervisor.tallied");
            default -> ui.getTranslation("home.next.supervisor.other");
        };
    }

    /** What the lifecycle still misses before the polls may open (the key, a seat's account), in words. */
    private String beforeOpening(Election e) {
        return sentences(lifecycle.refusalsFor(e.id(), ElectionStatus.OPEN).stream()
                .filter(r -> !ABOUT_THE_ROLE.contains(r.key())).toList());
    }

    private static String sentences(List<Refusal> refusals) {
        return refusals.stream().map(r -> Notifications.translate(r.key(), r.args().toArray()))
                .collect(Collectors.joining(" "));
    }
}
