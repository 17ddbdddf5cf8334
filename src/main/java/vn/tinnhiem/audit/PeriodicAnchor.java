package vn.tinnhiem.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every few minutes, writes the head to the anchor file if it moved since the last anchor, so even a
 * day without lifecycle steps leaves anchors a cut tail would contradict. Property
 * {@code tinnhiem.audit.anchor-cron} ("-" turns it off, as the tests do).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PeriodicAnchor {

    private final AuditAnchoring anchoring;

    PeriodicAnchor(AuditAnchoring anchoring) {
        this.anchoring = anchoring;
    }

    @Scheduled(cron = "${tinnhiem.audit.anchor-cron:0 */5 * * * *}")
    void anchorIfMoved() {
        anchoring.anchorIfMoved("periodic");
    }
}
