package vn.tinnhiem.audit;

/**
 * What the audit screen looks for: words in the actor, subject or details (a conference's title finds
 * every entry about it), and optionally one actor and one action. Blank means any.
 */
public record AuditSearch(String text, String actor, String action) {

    public static final AuditSearch ALL = new AuditSearch("", "", "");

    public AuditSearch {
        text = text.strip();
        actor = actor.strip();
        action = action.strip();
    }
}
