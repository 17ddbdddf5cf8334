package vn.tinnhiem.kiosk.ui;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long the kiosk waits on a voter: a ballot or review left untouched for {@code idle-warning-seconds}
 * shows "Bạn vẫn đang bỏ phiếu?", and {@code idle-reset-seconds} later the unfinished ballot is discarded;
 * the "done" screen goes back to idle by itself after {@code done-seconds}. Read by each kiosk page when it
 * is opened, so a test can shorten them for its own pages without a new Spring context.
 */
@Component
class KioskTimeouts {

    private volatile int warningSeconds;
    private volatile int resetSeconds;
    private volatile int doneSeconds;

    KioskTimeouts(@Value("${tinnhiem.kiosk.idle-warning-seconds:60}") int warningSeconds,
            @Value("${tinnhiem.kiosk.idle-reset-seconds:20}") int resetSeconds,
            @Value("${tinnhiem.kiosk.done-seconds:8}") int doneSeconds) {
        set(warningSeconds, resetSeconds, doneSeconds);
    }

    int warningSeconds() {
        return warningSeconds;
    }

    int resetSeconds() {
        return resetSeconds;
    }

    int doneSeconds() {
        return doneSeconds;
    }

    /** For tests: pages opened from now on use these. */
    void set(int warning, int reset, int done) {
        if (warning < 1 || reset < 1 || done < 1) {
            throw new IllegalArgumentException("kiosk timeouts are at least one second");
        }
        this.warningSeconds = warning;
        this.resetSeconds = reset;
        this.doneSeconds = done;
    }
}
