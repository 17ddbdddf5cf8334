package vn.tinnhiem.election.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.election.Teller;
import vn.tinnhiem.shared.ui.Actions;
import vn.tinnhiem.shared.ui.Notifications;

/** The tally board: its members, its head, and how many of them must be present to unseal (k of n). */
class TellersTab extends VerticalLayout {

    TellersTab(ElectionService elections, Election election, boolean editable, Runnable changed) {
        setPadding(false);
        long electionId = election.id();
        var tellers = elections.tellers(electionId);
        var name = new TextField(getTranslation("teller.fullName"));
        name.setId("teller-name");
        var head = new Checkbox(getTranslation("teller.head"));
        var add = new Button(getTranslation("teller.add"), e -> {
            if (Notifications.attempt(() -> elections.addTeller(electionId, name.getValue(), head.getValue()))) {
                changed.run();
            }
        });
        add.setId("add-teller");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new FormLayout(name, head, add);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        form.setVisible(editable);

        var grid = new Grid<Teller>();
        grid.setId("tellers");
        grid.addColumn(Teller::seat).setHeader(getTranslation("teller.seat")).setWidth("5em").setFlexGrow(0);
        grid.addColumn(Teller::fullName).setHeader(getTranslation("teller.fullName")).setFlexGrow(1);
        grid.addColumn(t -> t.head() ? getTranslation("teller.headShort") : getTranslation("teller.member"))
                .setHeader(getTranslation("teller.role"));
        if (editable) {
            grid.addComponentColumn(t -> Actions.rowMenu(
                    new Actions.RowAction("teller.makeHead", () -> elections.setHeadTeller(electionId, t.id()), changed),
                    new Actions.RowAction("common.remove", () -> elections.removeTeller(electionId, t.id()), changed)))
                    .setWidth("4em").setFlexGrow(0);
        }
        grid.setItems(tellers);
        grid.setAllRowsVisible(true);

        var k = new IntegerField(getTranslation("teller.threshold"));
        k.setId("threshold-k");
        k.setValue(election.thresholdK());
        k.setMin(1);
        k.setMax(Math.max(1, tellers.size()));
        k.setStepButtonsVisible(true);
        k.setSuffixComponent(new Span("/ " + tellers.size()));
        k.setReadOnly(!editable);
        var saveK = new Button(getTranslation("common.save"), e -> {
            if (k.getValue() != null && Notifications.attempt(() -> elections.setThreshold(electionId, k.getValue()))) {
                Notifications.success(getTranslation("common.saved"));
                changed.run();
            }
        });
        saveK.setId("save-threshold");
        saveK.setVisible(editable);
        var threshold = new HorizontalLayout(k, saveK);
        threshold.setAlignItems(Alignment.BASELINE);
        add(form, grid, threshold, new Paragraph(getTranslation("teller.thresholdHelp")));
    }
}
