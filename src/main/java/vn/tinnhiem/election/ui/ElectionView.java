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
import vn.tinnhiem.shared.ui.TabStrips;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.ui.MainLayout;
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

    private final ElectionService elections;
    private final AccountService accounts;
    private final Clock clock;
    private long electionId;
    private String title = "";
    private int selectedTab;

    ElectionView(ElectionService elections, AccountService accounts, Clock clock) {
        this.elections = elections;
        this.accounts = accounts;
        this.clock = clock;
        setPadding(true);
        addClassName("election-screen");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
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
        status.getElement().getThemeList().add("badge " + (election.status().isEditable() ? "contrast" : "success"));
        status.setId("election-status");
        add(heading, status);
        if (!election.status().isEditable()) {
            // Only a fixed conference may go back to Draft; once the polls have opened nothing is ever edited again.
            var notice = new Div(getTranslation(election.status() == ElectionStatus.READY ? "election.lockedNotice"
                    : "election.lockedNotice.final", getTranslation("status." + election.status().name())));
            notice.setId("locked-notice");
            notice.addClassName("locked-notice");
            add(notice);
        }
        boolean editable = election.status().isEditable();
        var tabs = new TabSheet();
        tabs.setWidthFull();
        TabStrips.fixRoles(tabs);
        tabs.add(getTranslation("tab.details"), new DetailsTab(elections, election, editable, this::rebuild));
        tabs.add(getTranslation("tab.candidates"), new CandidatesTab(elections, electionId, editable, this::rebuild));
        tabs.add(getTranslation("tab.roll"), new RollTab(elections, electionId, editable, this::rebuild));
        tabs.add(getTranslation("tab.tellers"), new TellersTab(elections, accounts, election, editable, this::rebuild));
        tabs.add(getTranslation("tab.supervisors"), new SupervisorsTab(elections, accounts, election, this::rebuild));
        tabs.add(getTranslation("tab.checklist"), new ChecklistTab(elections, electionId, clock));
        tabs.add(getTranslation("tab.status"), new StatusTab(elections, election, this::rebuild));
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
        String path = RouteConfiguration.forSessionScope().getUrl(ElectionView.class, electionId);
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null,
                new Location(path, QueryParameters.of("tab", TABS.get(selectedTab)))));
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
