package vn.tinnhiem.election.ui;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;

import vn.tinnhiem.election.Candidate;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.Actions;
import vn.tinnhiem.shared.ui.Notifications;

/** The candidates in ballot order, as cards: add, edit, move up and down, remove after a confirmation. */
class CandidatesTab extends VerticalLayout {

    CandidatesTab(Candidates candidates, ElectionId electionId, boolean editable, Runnable changed) {
        setPadding(false);
        var name = new TextField(getTranslation("candidate.fullName"));
        name.setId("candidate-name");
        var title = new TextField(getTranslation("candidate.jobTitle"));
        title.setId("candidate-title");
        var errors = new FieldErrors().on("candidate.error.name", name).on("candidate.error.title", title);
        var add = new Button(getTranslation("candidate.add"), e -> {
            if (errors.attempt(() -> candidates.addCandidate(electionId, name.getValue(), title.getValue()))) {
                changed.run();
            }
        });
        add.setId("add-candidate");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new FormLayout(name, title, add);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        var formBox = new VerticalLayout(form, errors.formError());
        formBox.setPadding(false);
        formBox.setVisible(editable);

        var list = Cards.list("candidates");
        List<Candidate> onBallot = candidates.list(electionId);
        for (Candidate c : onBallot) {
            Actions.RowAction[] actions = new Actions.RowAction[0];
            if (editable) {
                var menu = new ArrayList<Actions.RowAction>();
                if (c.ordinal() > 1) {
                    menu.add(new Actions.RowAction("common.up", () -> candidates.moveCandidate(electionId, c.id(), -1), changed));
                }
                if (c.ordinal() < onBallot.size()) {
                    menu.add(new Actions.RowAction("common.down", () -> candidates.moveCandidate(electionId, c.id(), 1), changed));
                }
                menu.add(new Actions.RowAction("common.edit", () -> edit(candidates, electionId, c, changed), () -> { }));
                menu.add(new Actions.RowAction("common.remove", () -> Confirm.ask(getTranslation("common.remove"),
                        getTranslation("candidate.removeConfirm", c.fullName()), getTranslation("common.remove"), true,
                        () -> {
                            if (Notifications.attempt(() -> candidates.removeCandidate(electionId, c.id()))) {
                                changed.run();
                            }
                        }), () -> { }));
                actions = menu.toArray(Actions.RowAction[]::new);
            }
            list.add(Cards.card(Cards.main(c.ordinal() + ". " + c.fullName()), Cards.details(c.jobTitle()),
                    editable ? Actions.rowMenu(actions) : null));
        }
        add(formBox, list);
    }

    private void edit(Candidates candidates, ElectionId electionId, Candidate c, Runnable changed) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("candidate.edit"));
        var name = new TextField(getTranslation("candidate.fullName"), c.fullName(), "");
        var title = new TextField(getTranslation("candidate.jobTitle"), c.jobTitle(), "");
        name.setWidthFull();
        title.setWidthFull();
        var errors = new FieldErrors().on("candidate.error.name", name).on("candidate.error.title", title);
        var fields = new VerticalLayout(name, title, errors.formError());
        fields.setPadding(false);
        dialog.add(fields);
        var save = new Button(getTranslation("common.save"), e -> {
            if (errors.attempt(() -> candidates.updateCandidate(electionId, c.id(), name.getValue(), title.getValue()))) {
                dialog.close();
                changed.run();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), save);
        dialog.open();
    }
}
