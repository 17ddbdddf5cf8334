package vn.tinnhiem.count;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Anchors the desk's counts of each OPEN conference every minute (when they changed), as
 * {@code PeriodicAnchor} anchors the chain's head. Property {@code tinnhiem.desk.counts-cron} ("-" turns it
 * off, as the tests do: they call {@link DeskCounts#anchorOpenConferences()} when they need an anchor).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DeskCountsSchedule {

    private final DeskCounts desk;

    DeskCountsSchedule(DeskCounts desk) {
        this.desk = desk;
    }

    @Scheduled(cron = "${tinnhiem.desk.counts-cron:0 * * * * *}")
    void anchor() {
        desk.anchorOpenConferences();
    }
}
