package vn.tinnhiem.supervision;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.shared.ElectionId;

/**
 * Everything a supervision page shows of a conference, read at {@code readAt}: the figures, the tablets, the
 * alerts, the turnout steps and the newest audit entries about the conference.
 */
public record Live(ElectionId electionId, LiveFigures figures, List<KioskHealth> kiosks, List<Alert> alerts,
        List<TurnoutStep> curve, List<AuditEntry> audit, Instant readAt) {

    /** Whether a page showing {@code other} must change (the time of reading aside). */
    public boolean sameAs(@Nullable Live other) {
        return other != null && figures.equals(other.figures) && kiosks.equals(other.kiosks)
                && alerts.equals(other.alerts) && curve.equals(other.curve) && audit.equals(other.audit);
    }
}
