package vn.tinnhiem.election;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.Roles;

/**
 * The conferences on the signed-in person's home, each with what they do next or wait for: the organiser sees
 * every conference, a teller those whose board they sit on once the lists are fixed, a supervisor those they are
 * named for. Reads through the services that own each list, so each checks its own role.
 */
@Service
public class HomeConferences {

    /** Whose home it is: the organiser's role comes first, then a teller's, then a supervisor's. */
    public enum Audience {
        ORGANISER, TELLER, SUPERVISOR
    }

    /**
     * A conference on the home and its next step: a message key, and the lifecycle's refusals it names when
     * {@code missing} is not empty (then the key takes them, in words, as its argument).
     */
    public record Card(Election election, String next, List<Refusal> missing) {

        public Card {
            missing = List.copyOf(missing);
        }
    }

    public record Shown(Audience audience, List<Card> cards) {

        public Shown {
            cards = List.copyOf(cards);
        }
    }

    /** Refusals about who acts, not about the conference: they say nothing about what is still to be done. */
    private static final Set<String> ABOUT_THE_ROLE = Set.of("lifecycle.refuse.tellersOnly",
            "lifecycle.refuse.organiserOnly", "lifecycle.refuse.notOnBoard");

    private final Elections elections;
    private final TallyBoard tallyBoard;
    private final Supervisors supervisors;
    private final Lifecycle lifecycle;

    HomeConferences(Elections elections, TallyBoard tallyBoard, Supervisors supervisors, Lifecycle lifecycle) {
        this.elections = elections;
        this.tallyBoard = tallyBoard;
        this.supervisors = supervisors;
        this.lifecycle = lifecycle;
    }

    /** Nothing for a signed-in person who is none of the three (the home then has no conference section). */
    @Transactional(readOnly = true)
    public Optional<Shown> forCurrentStaff() {
        if (CurrentStaff.hasRole(Roles.ADMIN)) {
            return Optional.of(new Shown(Audience.ORGANISER, elections.list().stream().map(this::organisers).toList()));
        }
        if (CurrentStaff.hasRole(Roles.TELLER)) {
            // The board works at a conference from the fixed lists to the minutes; a DRAFT is the organiser's alone.
            return Optional.of(new Shown(Audience.TELLER, tallyBoard.boardsOfCurrentTeller().stream()
                    .filter(e -> e.status() != ElectionStatus.DRAFT).map(this::tellers).toList()));
        }
        if (CurrentStaff.hasRole(Roles.SUPERVISOR)) {
            return Optional.of(new Shown(Audience.SUPERVISOR, supervisors.supervisedByCurrentSupervisor().stream()
                    .map(HomeConferences::supervisors).toList()));
        }
        return Optional.empty();
    }

    /** What the organiser does next, or waits for, when no other module has a step of its own to name. */
    private Card organisers(Election e) {
        return switch (e.status()) {
            case DRAFT -> {
                List<Refusal> missing = lifecycle.refusalsFor(e.id(), ElectionStatus.READY);
                yield new Card(e, missing.isEmpty() ? "home.next.admin.canReady" : "home.next.admin.missing", missing);
            }
            case READY -> beforeOpening(e, "home.next.admin.ready");
            case OPEN -> new Card(e, "home.next.admin.open", List.of());
            case CLOSED -> new Card(e, "home.next.admin.closed", List.of());
            case TALLIED -> new Card(e, "home.next.admin.tallied", List.of());
        };
    }

    /** The same for a teller of the conference's board. */
    private Card tellers(Election e) {
        return switch (e.status()) {
            case READY -> beforeOpening(e, "home.next.teller.ready");
            case OPEN -> new Card(e, "home.next.teller.open", List.of());
            case CLOSED -> new Card(e, "home.next.teller.closed", List.of());
            default -> new Card(e, "home.next.teller.tallied", List.of());
        };
    }

    private static Card supervisors(Election e) {
        return new Card(e, switch (e.status()) {
            case OPEN -> "home.next.supervisor.open";
            case CLOSED -> "home.next.supervisor.closed";
            case TALLIED -> "home.next.supervisor.tallied";
            default -> "home.next.supervisor.other";
        }, List.of());
    }

    /** What the lifecycle still misses before the polls may open (the key, a seat's account). */
    private Card beforeOpening(Election e, String readyKey) {
        List<Refusal> missing = lifecycle.refusalsFor(e.id(), ElectionStatus.OPEN).stream()
                .filter(r -> !ABOUT_THE_ROLE.contains(r.key())).toList();
        return new Card(e, missing.isEmpty() ? readyKey : "home.next.beforeOpen", missing);
    }
}
