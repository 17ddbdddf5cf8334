package vn.tinnhiem.count.ui;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long the projector shows each page of results when they do not fit on one screen
 * ({@code tinnhiem.projector.page-seconds}): long enough for the hall to read a page. Read by each projector
 * page when it is opened, so a test can shorten it for its own pages.
 */
@Component
class ProjectorPages {

    static final int SECONDS = 12;

    private volatile int seconds;

    ProjectorPages(@Value("${tinnhiem.projector.page-seconds:" + SECONDS + "}") int seconds) {
        set(seconds);
    }

    int seconds() {
        return seconds;
    }

    /** For tests: pages opened from now on turn after this many seconds. */
    void set(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("a page shows for at least one second");
        }
        this.seconds = seconds;
    }
}
