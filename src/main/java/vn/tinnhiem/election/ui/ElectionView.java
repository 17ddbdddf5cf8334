package vn.tinnhiem.election.ui;

import java.time.Clock;
import java.util.List;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteConfiguration;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.TabStrips;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.Checklist;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Supervisors;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.VoterRoll;
import vn.tinnhiem.shared.Permission;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.shared.Roles;

/**
 * One conference, tab by tab: details, candidates, roll, tally board, supervisors, checklist, status. Once
 * it has left DRAFT the editing controls are disabled and a notice says why; the service refuses edits regardless.
 * The open tab is in the address ({@code ?tab=roll}), so a reload or a shared link lands on it.
 */
@Route(value = "elections", layout = MainLayout.class)
@RolesAllowed(Roles.ADMIN)
class ElectionView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    /** The tabs' names in the address, in the order they are shown. */
    static final List<String> TABS = List.of("details", "candidates", "roll", "tellers", "supervisors", "checklist",
            "status");

    private final Elections elections;
    private final Candidates candidates;
    private final VoterRoll voterRoll;
    private final TallyBoard tallyBoard;
    private final Supervisors supervisors;
    private final Checklist checklist;
    private final Lifecycle lifecycle;
    private final AccountService accounts;
    private final Clock clock;
    private ElectionId electionId;
    private String title = "";
    private int selectedTab;

    ElectionView(Elections elections, Candidates candidates, VoterRoll voterRoll, TallyBoard tallyBoard,
            Supervisors supervisors, Checklist checklist, Lifecycle lifecycle,
            AccountService accounts, Clock clock) {
        this.elections = elections;
        this.candidates = candidates;
        this.voterRoll = voterRoll;
        this.tallyBoard = tallyBoard;
        this.supervisors = supervisors;
        this.checklist = checklist;
        this.lifecycle = lifecycle;
        this.accounts = accounts;
        this.clock = clock;
        setPadding(true);
        addClassName("election-screen");
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        ElectionId id = ElectionId.of(parameter);
        this.electionId = id;
        if (elections.find(id).isEmpty()) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
            return;
        }
        String tab = event.getLocation().getQueryParameters().getSingleParameter("tab").orElse(TABS.getFirst());
        selectedTab = Math.max(0, TABS.indexOf(tab));
        rebuild();
    }

    /** Everything is re-read after each change: the screen always shows what is stored. */
    void rebuild() {
        Election election = elections.find(electionId).orElseThrow();
        this.title = election.title();
        removeAll();
        var heading = new H1(election.title());
        heading.addClassName("election-heading");
        var status = new Span(getTranslation("status." + election.status().name()));
        // The organiser's service says whether the lists may change now, and if not, why: the screen shows that.
        Permission editing = elections.listsEditing(election);
        status.getElement().getThemeList().add("badge " + (editing.isAllowed() ? "contrast" : "success"));
        status.setId("election-status");
        add(heading, status);
        if (!editing.isAllowed()) {
            // Only a fixed conference may go back to Draft; once the polls have opened nothing is ever edited again.
            Refusal why = editing.reasons().getFirst();
            var notice = new Div(Notifications.translate(why.key(), why.args().toArray()));
            notice.setId("locked-notice");
            notice.addClassName("locked-notice");
            add(notice);
        }
        boolean editable = editing.isAllowed();
        var tabs = new TabSheet();
        tabs.setWidthFull();
        TabStrips.fixRoles(tabs);
        tabs.add(getTranslation("tab.details"), new DetailsTab(elections, election, editable, this::rebuild));
        tabs.add(getTranslation("tab.candidates"), new CandidatesTab(candidates, electionId, editable, this::rebuild));
        tabs.add(getTranslation("tab.roll"), new RollTab(voterRoll, electionId, editable, this::rebuild));
        tabs.add(getTranslation("tab.tellers"), new TellersTab(tallyBoard, accounts, election, editable,
                this::rebuild));
        tabs.add(getTranslation("tab.supervisors"), new SupervisorsTab(supervisors, accounts, election, this::rebuild));
        tabs.add(getTranslation("tab.checklist"), new ChecklistTab(checklist, electionId, clock));
        tabs.add(getTranslation("tab.status"), new StatusTab(elections, lifecycle, election, this::rebuild));
        tabs.setSelectedIndex(selectedTab);
        tabs.addSelectedChangeListener(e -> {
            selectedTab = tabs.getSelectedIndex();
            if (!e.isInitialSelection()) {
                showTabInAddress();
            }
        });
        tabs.setId("election-tabs");
        add(new ExportsMenu(electionId));
        add(tabs);
    }

    private void showTabInAddress() {
        String path = RouteConfiguration.forSessionScope().getUrl(ElectionView.class, electionId.value());
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null,
                new Location(path, QueryParameters.of("tab", TABS.get(selectedTab)))));
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
