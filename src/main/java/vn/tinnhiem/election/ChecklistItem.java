package vn.tinnhiem.election;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** One step of the checklist with its due date, ticked off by hand. */
public record ChecklistItem(ChecklistStep step, LocalDate dueDate, Optional<Instant> doneAt, Optional<String> doneBy) {

    public boolean done() {
        return doneAt.isPresent();
    }
}
