package vn.tinnhiem.election.ui;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;

import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.HomeConferences;
import vn.tinnhiem.election.HomeConferences.Audience;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.ConferenceSteps;
import vn.tinnhiem.shared.ui.HomeSection;
import vn.tinnhiem.shared.ui.Notifications;

/**
 * The conferences on each role's home, one card each, with the next step read from what is true now: the
 * organiser sees every conference, the tally board every conference it sits on from the fixed lists to the
 * minutes (after a restart, a new sign-in or the idle logout this is the board's way back to the count), a
 * supervisor the conferences they are named for. The other modules add their part of each card (the ceremony,
 * the cards and the desk, the tablets, the count, its minutes and the projector) through {@link ConferenceSteps};
 * the first part that names a next step gives the card's "Tiếp theo", otherwise the one {@link HomeConferences}
 * answers from the lifecycle's rules.
 */
@Component
class ConferencesOnHome implements HomeSection {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConferencesOnHome.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final HomeConferences home;
    private final ObjectProvider<ConferenceSteps> steps;

    ConferencesOnHome(HomeConferences home, ObjectProvider<ConferenceSteps> steps) {
        this.home = home;
        this.steps = steps;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> build() {
        UI ui = UI.getCurrent();
        // The service says whose home this is, which conferences it shows and what each one's next step is.
        Optional<HomeConferences.Shown> found = home.forCurrentStaff();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Audience audience = found.get().audience();
        var section = new Div();
        section.setId("home-conferences");
        section.add(new H2(ui.getTranslation(switch (audience) {
            case ORGANISER -> "home.conferences";
            case TELLER -> "home.conferences.teller";
            case SUPERVISOR -> "home.conferences.supervisor";
        })));
        if (found.get().cards().isEmpty()) {
            var none = new Paragraph(ui.getTranslation(switch (audience) {
                case ORGANISER -> "home.conferences.noneAdmin";
                case TELLER -> "home.conferences.noneTeller";
                case SUPERVISOR -> "home.conferences.noneSupervisor";
            }));
            none.setId("home-no-conference");
            section.add(none);
        }
        for (HomeConferences.Card c : found.get().cards()) {
            section.add(card(ui, c, audience));
        }
        return Optional.of(section);
    }

    private Div card(UI ui, HomeConferences.Card c, Audience audience) {
        Election e = c.election();
        boolean board = audience != Audience.SUPERVISOR;
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
        List<ConferenceSteps.Part> parts = board
                ? steps.orderedStream().flatMap(s -> part(s, e).stream())
                        .sorted(Comparator.comparingInt(ConferenceSteps.Part::order)).toList()
                : List.of();
        String nextStep = parts.stream().flatMap(p -> p.next().stream()).findFirst()
                .orElseGet(() -> c.missing().isEmpty() ? ui.getTranslation(c.next())
                        : ui.getTranslation(c.next(), sentences(c.missing())));
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
        if (board) {
            boolean organiser = audience == Audience.ORGANISER;
            var open = new Anchor((organiser ? "elections/" : "board/") + e.id(),
                    ui.getTranslation(organiser ? "home.conferences.open" : "home.conferences.board"));
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

    private static String sentences(List<Refusal> refusals) {
        return refusals.stream().map(r -> Notifications.translate(r.key(), r.args().toArray()))
                .collect(Collectors.joining(" "));
    }
}
