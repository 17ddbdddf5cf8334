package vn.tinnhiem.election;

/**
 * Where a conference's table row disagrees with its audited lifecycle ({@link Lifecycle#auditedLifecycle}).
 *
 * @param about {@code history} (a step that does not follow the one before), {@code status}, {@code changedAt}
 *     (the row last changed at another moment than its last audited step) or {@code milestone.NAME}
 * @param found what the table holds (for history: the audited step that does not follow)
 * @param expected what the audited history says
 */
public record LifecycleMismatch(String about, String found, String expected) {}
