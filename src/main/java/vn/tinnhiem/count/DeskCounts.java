package vn.tinnhiem.count;

import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.Attendance;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.DeskPresence;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.token.CardCounts;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.shared.Roles;

/**
 * The desk's counts anchored in the audit chain while the polls are open: for each OPEN conference, voters
 * present, cards activated (handed over and not voided), spent and voided, as one {@code desk.counts} entry
 * whenever they changed since the last one. Never an entry per voter or per card: an entry per tick or per
 * activation would sit next to that card's row in the database's logs and link the two; a count at intervals
 * links nothing. The close anchors the same counts once more ({@code count.closed}).
 *
 * <p>What this makes provable: a card spent can never become unspent, a card handed over or voided never
 * un-handed; so a count anchored at one interval that is lower at a later one, or at the close, was changed
 * behind the desk's back (a spent card set back to ACTIVATED votes twice). The box check compares them
 * ({@link BoxCheck#checkBox}). Run every minute by {@code DeskCountsSchedule}
 * ({@code tinnhiem.desk.counts-cron}); tests call {@link #anchorOpenConferences()} themselves.
 */
@Service
public class DeskCounts {

    /** The audit action of an anchor. */
    public static final String ACTION = "desk.counts";
    static final String ACTOR = "system";
    private static final Logger log = LoggerFactory.getLogger(DeskCounts.class);

    private final Elections elections;
    private final DeskPresence deskPresence;
    private final TokenService tokens;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    DeskCounts(Elections elections, DeskPresence deskPresence, TokenService tokens, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.elections = elections;
        this.deskPresence = deskPresence;
        this.tokens = tokens;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The counts of one moment, as an anchor carries them. */
    record Figures(int present, int activated, int spent, int voided) {

        AuditFields fields() {
            return AuditFields.of("present", present).with("activated", activated).with("spent", spent)
                    .with("voided", voided);
        }

        /** Handed over or voided: a card once either stays counted here, whatever happens to it next. */
        int issued() {
            return activated + voided;
        }
    }

    /**
     * Anchors the counts of every OPEN conference whose counts changed since its last anchor; returns how many
     * entries were written. Each conference in a transaction of its own, so one failing does not stop the others.
     */
    public int anchorOpenConferences() {
        return asSystem(() -> {
            int written = 0;
            for (Election e : elections.list()) {
                if (e.status() != ElectionStatus.OPEN) {
                    continue;
                }
                try {
                    Boolean done = transaction.execute(s -> anchor(e.id()));
                    written += Boolean.TRUE.equals(done) ? 1 : 0;
                } catch (RuntimeException ex) {
                    // The next interval tries again; the chain only misses one anchor.
                    log.warn("Desk counts of conference {} not anchored: {}", e.id(), ex.toString());
                }
            }
            return written;
        });
    }

    private boolean anchor(ElectionId electionId) {
        Attendance attendance = deskPresence.attendance(electionId);
        CardCounts cards = tokens.counts(electionId);
        Figures now = new Figures(attendance.present(), cards.handedOut(), cards.spent(), cards.voided());
        String subject = "election:" + electionId;
        Figures last = audit.latest(ACTION, subject).map(a -> read(a.fields())).orElse(new Figures(0, 0, 0, 0));
        if (now.equals(last)) {
            return false;
        }
        audit.recordAs(ACTOR, "desk.counts", subject, now.fields());
        return true;
    }

    static Figures read(AuditFields fields) {
        return new Figures(number(fields, "present"), number(fields, "activated"), number(fields, "spent"),
                number(fields, "voided"));
    }

    private static int number(AuditFields fields, String key) {
        return fields.get(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                return -1;
            }
        }).orElse(-1);
    }

    /** The scheduler's thread has no sign-in: it reads as the server's own reader, as the live figures do. */
    private static <T> T asSystem(Supplier<T> work) {
        var before = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("system:desk", null,
                List.of(new SimpleGrantedAuthority(Roles.authority(Roles.SUPERVISOR)),
                        new SimpleGrantedAuthority(CurrentStaff.SYSTEM_READER))));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
