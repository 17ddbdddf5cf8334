package vn.tinnhiem.election.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.Actions;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.shared.Roles;

/**
 * The organiser's conferences as cards, a new one through a short form, the demo conference after a
 * confirmation (which says so when one already exists), and a draft deleted after a confirmation.
 */
@Route(value = "elections", layout = MainLayout.class)
@Menu(title = "menu.elections", order = 1)
@RolesAllowed(Roles.ADMIN)
class ElectionsView extends VerticalLayout implements HasDynamicTitle {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final Elections elections;
    private final Clock clock;
    private final Div list = Cards.list("elections");

    ElectionsView(Elections elections, Clock clock) {
        this.elections = elections;
        this.clock = clock;
        addClassName("election-screen");
        var create = new Button(getTranslation("elections.new"), e -> openNewConference());
        create.setId("new-election");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var demo = new Button(getTranslation("elections.demo"), e -> new DemoDialog(elections, clock).open());
        demo.setId("demo-election");
        var actions = new HorizontalLayout(create, demo);
        actions.setWrap(true);
        add(new H1(getTranslation("elections.heading")), actions, list);
        refresh();
    }

    private void refresh() {
        list.removeAll();
        var all = elections.list();
        if (all.isEmpty()) {
            list.add(new Paragraph(getTranslation("elections.empty")));
        }
        for (Election election : all) {
            list.add(card(election));
        }
    }

    private Div card(Election election) {
        var title = new RouterLink(election.title(), ElectionView.class, election.id().value());
        title.addClassName("card-main");
        var status = new Span(getTranslation("status." + election.status().name()));
        status.getElement().getThemeList().add("badge " + (elections.listsEditing(election).isAllowed() ? "contrast"
                : "success"));
        status.addClassName("election-card-status");
        var details = Cards.details(election.details().startsAt().format(WHEN) + " · ");
        details.add(status);
        var open = new Actions.RowAction("elections.open",
                () -> getUI().ifPresent(ui -> ui.navigate(ElectionView.class, election.id().value())), () -> { });
        var menu = elections.deleting(election).isAllowed()
                ? Actions.rowMenu(open, new Actions.RowAction("elections.delete", () -> confirmDelete(election), () -> { }))
                : Actions.rowMenu(open);
        return Cards.card(title, details, menu);
    }

    private void confirmDelete(Election election) {
        Confirm.ask(getTranslation("elections.delete"), getTranslation("elections.deleteConfirm", election.title()),
                getTranslation("elections.delete"), true, () -> {
                    if (Notifications.attempt(() -> elections.delete(election.id()))) {
                        Notifications.success(getTranslation("elections.deleted", election.title()));
                        refresh();
                    }
                });
    }

    /** A new conference is made only once its form is filled in: an empty tap creates nothing. */
    private void openNewConference() {
        var dialog = new Dialog();
        dialog.setId("new-election-dialog");
        dialog.setHeaderTitle(getTranslation("elections.newDialog"));
        var title = new TextField(getTranslation("election.title"));
        title.setId("new-election-title");
        var body = new TextField(getTranslation("election.body"));
        body.setId("new-election-body");
        var place = new TextField(getTranslation("election.place"));
        place.setId("new-election-place");
        var startsAt = new DateTimePicker(getTranslation("election.startsAt"),
                LocalDate.now(clock).plusDays(21).atTime(LocalTime.of(8, 0)));
        startsAt.setId("new-election-starts-at");
        startsAt.setStep(Duration.ofMinutes(15));
        ComponentTexts.dateTime(startsAt);
        // The legal basis is chosen, never assumed: a People's Council left on the Party's regulation would get
        // minutes citing the wrong basis, and nothing on this form would have said so.
        var rules = new Select<RuleSet>();
        rules.setId("new-election-rules");
        rules.setLabel(getTranslation("election.ruleSet"));
        rules.setPlaceholder(getTranslation("election.ruleSet.choose"));
        rules.setHelperText(getTranslation("election.ruleSet.help"));
        rules.setItems(RuleSet.values());
        rules.setItemLabelGenerator(r -> getTranslation("ruleSet." + r.name()));
        for (var field : new com.vaadin.flow.component.HasSize[] {title, body, place, startsAt, rules}) {
            field.setWidthFull();
        }
        var errors = new FieldErrors().on("election.error.title", title).on("election.error.body", body)
                .on("election.error.date", startsAt).on("election.error.ruleSet", rules);
        var form = new VerticalLayout(title, body, place, startsAt, rules, errors.formError());
        form.setPadding(false);
        dialog.add(form);
        var createButton = new Button(getTranslation("elections.create"), e -> {
            ElectionId[] id = new ElectionId[1];
            if (errors.attempt(() -> id[0] = elections.create(new ElectionDetails(title.getValue(), body.getValue(),
                    place.getValue(), startsAt.getValue(), BallotKind.THREE_LEVEL, rules.getValue())))) {
                dialog.close();
                getUI().ifPresent(ui -> ui.navigate(ElectionView.class, id[0].value()));
            }
        });
        createButton.setId("create-election");
        createButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Enter submits from the text fields only: in the date and time fields it picks a date or a time, and a
        // half-filled form must not be sent from there.
        createButton.addClickShortcut(com.vaadin.flow.component.Key.ENTER).listenOn(title, body, place);
        var cancel = new Button(getTranslation("common.cancel"), e -> dialog.close());
        dialog.getFooter().add(cancel, createButton);
        dialog.open();
        title.focus();
    }


    @Override
    public String getPageTitle() {
        return getTranslation("elections.heading");
    }
}
