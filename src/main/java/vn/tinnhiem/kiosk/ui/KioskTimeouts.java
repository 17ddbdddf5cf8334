package vn.tinnhiem.kiosk.ui;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long the kiosk waits on a voter: a ballot or review left untouched for {@code idle-warning-seconds}
 * shows "Bạn vẫn đang bỏ phiếu?", and {@code idle-reset-seconds} later the unfinished ballot is discarded;
 * the "done" screen keeps the tracking code until "Xong", or goes back to idle by itself after
 * {@code done-seconds} (counted down on the screen: long enough to copy the code). On the idle screen, the
 * staff's "enrolled" notice goes after {@code notice-seconds} and a refused code's message after
 * {@code refusal-seconds}, so the next voter finds neither. Read by each kiosk page when it is opened, so a
 * test can shorten them for its own pages without a new Spring context.
 */
@Component
class KioskTimeouts {

    static final int WARNING = 60;
    static final int RESET = 20;
    static final int DONE = 60;
    static final int NOTICE = 15;
    static final int REFUSAL = 30;

    private volatile int warningSeconds;
    private volatile int resetSeconds;
    private volatile int doneSeconds;
    private volatile int noticeSeconds;
    private volatile int refusalSeconds;

    KioskTimeouts(@Value("${tinnhiem.kiosk.idle-warning-seconds:" + WARNING + "}") int warningSeconds,
            @Value("${tinnhiem.kiosk.idle-reset-seconds:" + RESET + "}") int resetSeconds,
            @Value("${tinnhiem.kiosk.done-seconds:" + DONE + "}") int doneSeconds,
            @Value("${tinnhiem.kiosk.notice-seconds:" + NOTICE + "}") int noticeSeconds,
            @Value("${tinnhiem.kiosk.refusal-seconds:" + REFUSAL + "}") int refusalSeconds) {
        set(warningSeconds, resetSeconds, doneSeconds, noticeSeconds, refusalSeconds);
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

    int noticeSeconds() {
        return noticeSeconds;
    }

    int refusalSeconds() {
        return refusalSeconds;
    }

    /** For tests: pages opened from now on use these (the notice and refusal times unchanged). */
    void set(int warning, int reset, int done) {
        set(warning, reset, done, noticeSeconds == 0 ? NOTICE : noticeSeconds,
                refusalSeconds == 0 ? REFUSAL : refusalSeconds);
    }

    /** For tests: pages opened from now on use these. */
    void set(int warning, int reset, int done, int notice, int refusal) {
        if (warning < 1 || reset < 1 || done < 1 || notice < 1 || refusal < 1) {
            throw new IllegalArgumentException("kiosk timeouts are at least one second");
        }
        this.warningSeconds = warning;
        this.resetSeconds = reset;
        this.doneSeconds = done;
        this.noticeSeconds = notice;
        this.refusalSeconds = refusal;
    }

    /** For tests: back to the defaults. */
    void reset() {
        set(WARNING, RESET, DONE, NOTICE, REFUSAL);
    }
}
