package vn.tinnhiem.election.ui;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.election.BallotKind;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Notifications;

/** The organiser's list of conferences, a new one, or the demo conference with one button. */
@Route(value = "elections", layout = MainLayout.class)
@Menu(title = "menu.elections", order = 1)
@RolesAllowed("ADMIN")
class ElectionsView extends VerticalLayout implements HasDynamicTitle {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    ElectionsView(ElectionService elections) {
        var grid = new Grid<Election>();
        grid.setId("elections");
        grid.addColumn(Election::title).setHeader(getTranslation("election.title")).setFlexGrow(3);
        grid.addColumn(e -> e.details().startsAt().format(WHEN)).setHeader(getTranslation("election.startsAt"))
                .setAutoWidth(true);
        grid.addColumn(e -> getTranslation("status." + e.status().name())).setHeader(getTranslation("election.status"))
                .setAutoWidth(true);
        grid.setItems(elections.list());
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ElectionView.class, e.getItem().id())));
        grid.setAllRowsVisible(true);

        var create = new Button(getTranslation("elections.new"), e -> {
            try {
                long id = elections.create(new ElectionDetails(getTranslation("elections.newTitle"),
                        getTranslation("elections.newBody"), "", LocalDate.now().plusDays(21).atTime(LocalTime.of(8, 0)),
                        BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
                getUI().ifPresent(ui -> ui.navigate(ElectionView.class, id));
            } catch (UserFacingException ex) {
                Notifications.refused(ex);
            }
        });
        create.setId("new-election");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var demo = new Button(getTranslation("elections.demo"), e -> new DemoDialog(elections).open());
        demo.setId("demo-election");
        var actions = new HorizontalLayout(create, demo);
        actions.setWrap(true);
        add(new H2(getTranslation("elections.heading")), actions, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("elections.heading");
    }
}
