package vn.tinnhiem.election.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;

import vn.tinnhiem.election.Candidate;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.shared.ui.Actions;
import vn.tinnhiem.shared.ui.Cells;
import vn.tinnhiem.shared.ui.Notifications;

/** The candidates in ballot order: add, edit, move up and down, remove. */
class CandidatesTab extends VerticalLayout {

    CandidatesTab(ElectionService elections, long electionId, boolean editable, Runnable changed) {
        setPadding(false);
        var name = new TextField(getTranslation("candidate.fullName"));
        name.setId("candidate-name");
        var title = new TextField(getTranslation("candidate.jobTitle"));
        title.setId("candidate-title");
        var add = new Button(getTranslation("candidate.add"), e -> {
            if (Notifications.attempt(() -> elections.addCandidate(electionId, name.getValue(), title.getValue()))) {
                changed.run();
            }
        });
        add.setId("add-candidate");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new FormLayout(name, title, add);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        form.setVisible(editable);

        var grid = new Grid<Candidate>();
        grid.setId("candidates");
        grid.addColumn(Candidate::ordinal).setHeader(getTranslation("common.ordinal")).setWidth("4em").setFlexGrow(0);
        grid.addColumn(Cells.nameWithDetails(Candidate::fullName, Candidate::jobTitle))
                .setHeader(getTranslation("candidate.fullName") + " · " + getTranslation("candidate.jobTitle"))
                .setFlexGrow(1);
        if (editable) {
            grid.addComponentColumn(c -> Actions.rowMenu(
                    new Actions.RowAction("common.up", () -> elections.moveCandidate(electionId, c.id(), -1), changed),
                    new Actions.RowAction("common.down", () -> elections.moveCandidate(electionId, c.id(), 1), changed),
                    new Actions.RowAction("common.edit", () -> edit(elections, electionId, c, changed), () -> { }),
                    new Actions.RowAction("common.remove", () -> elections.removeCandidate(electionId, c.id()), changed)))
                    .setWidth("4em").setFlexGrow(0);
        }
        grid.setItems(elections.candidates(electionId));
        grid.setAllRowsVisible(true);
        add(form, grid);
    }

    private void edit(ElectionService elections, long electionId, Candidate c, Runnable changed) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("candidate.edit"));
        var name = new TextField(getTranslation("candidate.fullName"), c.fullName(), "");
        var title = new TextField(getTranslation("candidate.jobTitle"), c.jobTitle(), "");
        name.setWidthFull();
        title.setWidthFull();
        dialog.add(new VerticalLayout(name, title));
        var save = new Button(getTranslation("common.save"), e -> {
            if (Notifications.attempt(() -> elections.updateCandidate(electionId, c.id(), name.getValue(), title.getValue()))) {
                dialog.close();
                changed.run();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), save);
        dialog.open();
    }
}
