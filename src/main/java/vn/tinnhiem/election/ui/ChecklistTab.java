package vn.tinnhiem.election.ui;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import vn.tinnhiem.election.ChecklistItem;
import vn.tinnhiem.election.Checklist;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.Notifications;

/**
 * The preparation deadlines computed from the conference date, as cards: the whole step is the
 * checkbox's label (a large target), its deadline beneath, marked overdue by the hall's clock.
 */
class ChecklistTab extends VerticalLayout {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    ChecklistTab(Checklist checklist, ElectionId electionId, Clock clock) {
        setPadding(false);
        LocalDate today = LocalDate.now(clock);
        var list = Cards.list("checklist");
        for (ChecklistItem item : checklist.items(electionId)) {
            var box = new Checkbox(getTranslation("checklist." + item.step().name()), item.done());
            box.addClassName("card-main");
            box.addValueChangeListener(e -> {
                if (e.isFromClient() && !Notifications.attempt(
                        () -> checklist.setChecklistDone(electionId, item.step(), e.getValue()))) {
                    box.setValue(e.getOldValue());
                }
            });
            var due = Cards.details(getTranslation("checklist.dueOn", item.dueDate().format(DAY)));
            if (!item.done() && item.dueDate().isBefore(today)) {
                var overdue = new Span(getTranslation("checklist.overdue"));
                overdue.getElement().getThemeList().add("badge error");
                overdue.addClassName("overdue");
                due.add(new com.vaadin.flow.component.Text(" "), overdue);
            }
            Div card = Cards.card(box, due, null);
            card.addClassName("checklist-card");
            list.add(card);
        }
        add(list);
    }
}
