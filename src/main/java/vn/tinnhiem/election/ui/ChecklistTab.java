package vn.tinnhiem.election.ui;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import vn.tinnhiem.election.ChecklistItem;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.shared.ui.Notifications;

/** The preparation deadlines computed from the conference date; each ticked off by hand. */
class ChecklistTab extends VerticalLayout {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    ChecklistTab(ElectionService elections, long electionId) {
        setPadding(false);
        var grid = new Grid<ChecklistItem>();
        grid.setId("checklist");
        grid.addComponentColumn(item -> {
            var box = new Checkbox(item.done());
            box.setAriaLabel(getTranslation("checklist." + item.step().name()));
            box.addValueChangeListener(e -> {
                if (e.isFromClient() && !Notifications.attempt(
                        () -> elections.setChecklistDone(electionId, item.step(), e.getValue()))) {
                    box.setValue(e.getOldValue());
                }
            });
            return box;
        }).setHeader(getTranslation("checklist.done")).setWidth("6em").setFlexGrow(0);
        grid.addColumn(item -> item.dueDate().format(DAY)).setHeader(getTranslation("checklist.due")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(item -> getTranslation("checklist." + item.step().name())).setHeader(getTranslation("checklist.step"))
                .setFlexGrow(1);
        grid.setPartNameGenerator(item -> !item.done() && item.dueDate().isBefore(LocalDate.now()) ? "overdue" : null);
        grid.setItems(elections.checklist(electionId));
        grid.setAllRowsVisible(true);
        add(grid);
    }
}
