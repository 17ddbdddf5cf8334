package vn.tinnhiem.audit.internal;

import java.util.List;

/**
 * Which entries a reader of the log may see, and whether names are hidden from them: the whole log for the
 * organiser and the tally board; a supervisor's conferences only, without names, for a supervisor.
 *
 * @param conferences the conferences whose entries are seen, when not {@code all}: an entry is a
 *        conference's when its subject is "election:N" or it carries the typed field election=N
 */
public record AuditScope(boolean all, List<Long> conferences, boolean hideNames) {

    public static final AuditScope WHOLE_LOG = new AuditScope(true, List.of(), false);

    public static AuditScope conferencesWithoutNames(List<Long> conferences) {
        return new AuditScope(false, List.copyOf(conferences), true);
    }

    public boolean covers(String subject) {
        return all || conferences.stream().anyMatch(id -> subject.equals("election:" + id));
    }
}
