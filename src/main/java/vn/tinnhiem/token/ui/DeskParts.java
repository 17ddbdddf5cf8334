package vn.tinnhiem.token.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.Autocapitalize;
import com.vaadin.flow.component.textfield.Autocomplete;
import com.vaadin.flow.component.textfield.TextField;

/** The desk's small pieces: a card's code field that keeps nothing, a notice, a confirmation. */
final class DeskParts {

    private DeskParts() {
    }

    static TextField cardField(String id) {
        var field = new TextField();
        field.setId(id);
        field.setWidthFull();
        field.setManualValidation(true);
        // A card's code must not stay anywhere: no autofill history, no spelling help.
        field.setAutocomplete(Autocomplete.OFF);
        field.setAutocorrect(false);
        field.setAutocapitalize(Autocapitalize.CHARACTERS);
        field.getElement().setAttribute("spellcheck", "false");
        field.addValueChangeListener(e -> field.setInvalid(false));
        return field;
    }

    static Div notice(String id, String text) {
        var div = new Div(text);
        div.setId(id);
        div.addClassName("locked-notice");
        return div;
    }

    static ConfirmDialog confirm(String header, String text, String confirmLabel, Runnable onConfirm) {
        UI ui = UI.getCurrent();
        var dialog = new ConfirmDialog();
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setCancelText(ui.getTranslation("common.cancel"));
        dialog.setConfirmText(confirmLabel);
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> onConfirm.run());
        dialog.open();
        return dialog;
    }
}
