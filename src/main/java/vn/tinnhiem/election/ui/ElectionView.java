package vn.tinnhiem.election.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.shared.ui.MainLayout;

/**
 * One conference, tab by tab: details, candidates, roll, tally board, checklist, status. Once it has left
 * DRAFT the editing controls are disabled and a notice says why; the service refuses edits regardless.
 */
@Route(value = "elections", layout = MainLayout.class)
@RolesAllowed("ADMIN")
class ElectionView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private final ElectionService elections;
    private long electionId;
    private String title = "";
    private int selectedTab;

    ElectionView(ElectionService elections) {
        this.elections = elections;
        setPadding(true);
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        this.electionId = id;
        if (elections.find(id).isEmpty()) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
            return;
        }
        rebuild();
    }

    /** Everything is re-read after each change: the screen always shows what is stored. */
    void rebuild() {
        Election election = elections.find(electionId).orElseThrow();
        this.title = election.title();
        removeAll();
        var heading = new H2(election.title());
        heading.addClassName("election-heading");
        var status = new Span(getTranslation("status." + election.status().name()));
        status.getElement().getThemeList().add("badge " + (election.status().isEditable() ? "contrast" : "success"));
        status.setId("election-status");
        add(heading, status);
        if (!election.status().isEditable()) {
            var notice = new Div(getTranslation("election.lockedNotice",
                    getTranslation("status." + election.status().name())));
            notice.setId("locked-notice");
            notice.addClassName("locked-notice");
            add(notice);
        }
        boolean editable = election.status().isEditable();
        var tabs = new TabSheet();
        tabs.setWidthFull();
        tabs.add(getTranslation("tab.details"), new DetailsTab(elections, election, editable, this::rebuild));
        tabs.add(getTranslation("tab.candidates"), new CandidatesTab(elections, electionId, editable, this::rebuild));
        tabs.add(getTranslation("tab.roll"), new RollTab(elections, electionId, editable, this::rebuild));
        tabs.add(getTranslation("tab.tellers"), new TellersTab(elections, election, editable, this::rebuild));
        tabs.add(getTranslation("tab.checklist"), new ChecklistTab(elections, electionId));
        tabs.add(getTranslation("tab.status"), new StatusTab(elections, election, this::rebuild));
        tabs.setSelectedIndex(selectedTab);
        tabs.addSelectedChangeListener(e -> selectedTab = tabs.getSelectedIndex());
        tabs.setId("election-tabs");
        add(new ExportsMenu(electionId));
        add(tabs);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
