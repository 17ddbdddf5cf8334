package vn.tinnhiem.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;

/** Buttons that run a service call, show its refusal in the user's language, and refresh on success. */
public final class Actions {

    private Actions() {
    }

    /** An icon-only button (move, remove) with a translated label for screen readers. */
    public static Button icon(VaadinIcon icon, String labelKey, Runnable action, Runnable afterSuccess) {
        var button = new Button(icon.create(), e -> run(action, afterSuccess));
        button.setAriaLabel(UI.getCurrent().getTranslation(labelKey));
        button.setTooltipText(UI.getCurrent().getTranslation(labelKey));
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    /** A small text button in a grid row. */
    public static Button small(String labelKey, Runnable action, Runnable afterSuccess) {
        var button = new Button(UI.getCurrent().getTranslation(labelKey), e -> run(action, afterSuccess));
        button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return button;
    }

    private static void run(Runnable action, Runnable afterSuccess) {
        if (Notifications.attempt(action)) {
            afterSuccess.run();
        }
    }
}
