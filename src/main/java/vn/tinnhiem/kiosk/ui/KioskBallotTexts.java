package vn.tinnhiem.kiosk.ui;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ballot component's texts ({@link KioskBallot}), in the voter's language, gathered in one place. */
final class KioskBallotTexts {

    private KioskBallotTexts() {
    }

    /** The component's texts in the voter's language; {0} and {1} stay for the page to fill in. */
    static Map<String, String> of(KioskView view) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("heading", view.getTranslation("kiosk.ballot.heading"));
        t.put("hint", view.getTranslation("kiosk.ballot.hint"));
        t.put("order", view.getTranslation("kiosk.ballot.order", "{0}"));
        t.put("counter", view.getTranslation("kiosk.ballot.counter", "{0}", "{1}"));
        t.put("review", view.getTranslation("kiosk.ballot.review"));
        t.put("reviewTitle", view.getTranslation("kiosk.review.title"));
        t.put("reviewText", view.getTranslation("kiosk.review.text"));
        t.put("reviewBlank", view.getTranslation("kiosk.review.blank", "{0}"));
        t.put("reviewBlanks", view.getTranslation("kiosk.review.blanks", "{0}"));
        t.put("edit", view.getTranslation("kiosk.review.edit"));
        t.put("confirm", view.getTranslation("kiosk.review.confirm"));
        t.put("sealing", view.getTranslation("kiosk.sealing"));
        t.put("sealFailed", view.getTranslation("kiosk.sealFailed"));
        t.put("committedTitle", view.getTranslation("kiosk.committed.title"));
        t.put("committedCode", view.getTranslation("kiosk.committed.code"));
        t.put("committedText", view.getTranslation("kiosk.committed.text"));
        t.put("cast", view.getTranslation("kiosk.committed.cast"));
        t.put("check", view.getTranslation("kiosk.committed.check"));
        t.put("checkExplain", view.getTranslation("kiosk.committed.checkExplain"));
        t.put("checkOnlyTitle", view.getTranslation("kiosk.checkOnly.title"));
        t.put("checkOnlyText", view.getTranslation("kiosk.checkOnly.text"));
        t.put("waiting", view.getTranslation("kiosk.committed.waiting"));
        t.put("idleWarning", view.getTranslation("kiosk.idle.warning"));
        t.put("idleCountdown", view.getTranslation("kiosk.idle.countdown", "{0}"));
        t.put("idleContinue", view.getTranslation("kiosk.idle.continue"));
        return t;
    }
}
