package vn.tinnhiem.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;

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

    /** One row action: a message key for its label, what it does, what to do after it succeeded. */
    public record RowAction(String labelKey, Runnable action, Runnable afterSuccess) {
    }

    /**
     * A row's actions behind one "⋮" button: on a phone a grid row has no room for a button per action,
     * and the same compact menu on a desktop keeps the screens alike.
     */
    public static MenuBar rowMenu(RowAction... actions) {
        UI ui = UI.getCurrent();
        var menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_ICON);
        var root = menu.addItem(VaadinIcon.ELLIPSIS_DOTS_V.create());
        root.setAriaLabel(ui.getTranslation("common.actions"));
        for (RowAction a : actions) {
            root.getSubMenu().addItem(ui.getTranslation(a.labelKey()), e -> run(a.action(), a.afterSuccess()));
        }
        menu.addClassName("row-menu");
        return menu;
    }

    private static void run(Runnable action, Runnable afterSuccess) {
        if (Notifications.attempt(action)) {
            afterSuccess.run();
        }
    }
}
