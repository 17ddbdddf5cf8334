package vn.tinnhiem.election.ui;

import java.time.Duration;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.shared.ui.Notifications;

/** Title, body, place, date and time, ballot kind, rule set. */
class DetailsTab extends FormLayout {

    DetailsTab(Elections elections, Election election, boolean editable, Runnable changed) {
        var d = election.details();
        var title = new TextArea(getTranslation("election.title"), d.title(), "");
        title.setId("election-title");
        var body = new TextField(getTranslation("election.body"), d.body(), "");
        body.setId("election-body");
        var place = new TextField(getTranslation("election.place"), d.place(), "");
        place.setId("election-place");
        var startsAt = new DateTimePicker(getTranslation("election.startsAt"), d.startsAt());
        startsAt.setId("election-starts-at");
        startsAt.setDatePickerI18n(ComponentTexts.calendar());
        // A conference may start at 7:30 or 13:45, not only on the hour.
        startsAt.setStep(Duration.ofMinutes(15));
        var kind = new Select<BallotKind>();
        kind.setLabel(getTranslation("election.ballotKind"));
        kind.setItems(BallotKind.values());
        kind.setItemLabelGenerator(k -> getTranslation("ballotKind." + k.name()));
        kind.setValue(d.ballotKind());
        kind.setId("election-kind");
        var rules = new Select<RuleSet>();
        rules.setLabel(getTranslation("election.ruleSet"));
        rules.setItems(RuleSet.values());
        rules.setItemLabelGenerator(r -> getTranslation("ruleSet." + r.name()));
        rules.setValue(d.ruleSet());
        rules.setId("election-rules");
        var errors = new FieldErrors().on("election.error.title", title).on("election.error.body", body)
                .on("election.error.date", startsAt);
        var save = new Button(getTranslation("common.save"), e -> {
            if (errors.attempt(() -> elections.updateDetails(election.id(), new ElectionDetails(title.getValue(),
                    body.getValue(), place.getValue(), startsAt.getValue(), kind.getValue(), rules.getValue())))) {
                Notifications.success(getTranslation("common.saved"));
                changed.run();
            }
        });
        save.setId("save-details");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        for (var field : new com.vaadin.flow.component.HasValue<?, ?>[] {title, body, place, startsAt, kind, rules}) {
            field.setReadOnly(!editable);
        }
        save.setEnabled(editable);
        add(title, body, place, startsAt, kind, rules, errors.formError(), save);
        setColspan(title, 2);
        setColspan(errors.formError(), 2);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("40em", 2));
    }
}
