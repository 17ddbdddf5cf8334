package vn.tinnhiem.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

import vn.tinnhiem.shared.UserFacingException;

/** Short messages to the user, always translated. */
public final class Notifications {

    private Notifications() {
    }

    public static void success(String text) {
        Notification n = Notification.show(text, 3000, Notification.Position.BOTTOM_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(String text) {
        Notification n = Notification.show(text, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.addClassName("error-notification");
    }

    public static void refused(UserFacingException e) {
        error(translate(e.key(), e.args()));
    }

    /** Translates a message; string arguments that are themselves message keys are translated too. */
    public static String translate(String key, Object... args) {
        UI ui = UI.getCurrent();
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            shown[i] = args[i];
            if (args[i] instanceof String s && s.matches("[a-zA-Z]+\\.[A-Za-z_.]+")) {
                String t = ui.getTranslation(s);
                shown[i] = t.startsWith("!") ? s : t;
            }
        }
        return ui.getTranslation(key, shown);
    }

    /** Runs an action and shows its refusal, if any, in the user's language. */
    public static boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (UserFacingException e) {
            refused(e);
            return false;
        }
    }
}
