package vn.tinnhiem.election.ui;

import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.AccessDeniedException;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.Teller;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.Roles;

/**
 * The tally board's screen of one conference: who sits on the board, and the board's steps (opening and
 * closing the polls) as the lifecycle allows them now. A teller reaches only the conferences whose board they
 * sit on; any other is refused as a screen not for them. The organiser may look.
 */
@Route(value = "board", layout = MainLayout.class)
@RolesAllowed({Roles.TELLER, Roles.ADMIN})
class BoardView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final Elections elections;
    private final TallyBoard tallyBoard;
    private final Lifecycle lifecycle;
    private ElectionId electionId;
    private String title = "";

    BoardView(Elections elections, TallyBoard tallyBoard, Lifecycle lifecycle) {
        this.elections = elections;
        this.tallyBoard = tallyBoard;
        this.lifecycle = lifecycle;
        setPadding(true);
        addClassName("board-screen");
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        ElectionId id = ElectionId.of(parameter);
        this.electionId = id;
        if (elections.find(id).isEmpty()) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
            return;
        }
        if (!tallyBoard.boardScreen(id).isAllowed()) {
            event.rerouteToError(AccessDeniedException.class);
            return;
        }
        rebuild();
    }

    private void rebuild() {
        Election election = elections.find(electionId).orElseThrow();
        title = election.title();
        removeAll();
        var heading = new H1(election.title());
        var when = new Paragraph(election.details().body() + " · " + election.details().place() + " · "
                + election.details().startsAt().format(WHEN));
        var status = new Span(getTranslation("status." + election.status().name()));
        status.getElement().getThemeList().add("badge");
        status.setId("board-status");
        add(heading, when, status);
        var members = new Div();
        members.setId("board-members");
        for (Teller t : tallyBoard.tellers(electionId)) {
            var row = new Div(getTranslation("board.seat", t.seat(), t.fullName())
                    + (t.head() ? " · " + getTranslation("board.head") : ""));
            row.addClassName("cell-details");
            members.add(row);
        }
        add(new Paragraph(getTranslation("board.members")), members);
        add(new StatusTab(elections, lifecycle, election, this::rebuild));
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
