package vn.tinnhiem.election.ui;

import java.util.LinkedHashMap;
import java.util.Map;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.html.Div;

import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.Notifications;

/**
 * A service's refusal shown where it belongs: on the field it is about (marked invalid, the message
 * beneath it), or beneath the form when it concerns no single field; never a pop-up over the form.
 */
final class FieldErrors {

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private final Div formError = new Div();

    FieldErrors() {
        formError.addClassName("form-error");
        formError.setVisible(false);
    }

    /** The field that a refusal with this message key is about. */
    <F extends HasValidation & HasValue<?, ?>> FieldErrors on(String key, F field) {
        field.setManualValidation(true);
        field.addValueChangeListener(e -> field.setInvalid(false));
        fields.put(key, field);
        return this;
    }

    /** Where refusals about no single field are shown: place it under the form. */
    Div formError() {
        return formError;
    }

    boolean attempt(Runnable action) {
        fields.values().forEach(f -> f.setInvalid(false));
        formError.setVisible(false);
        try {
            action.run();
            return true;
        } catch (UserFacingException e) {
            String text = Notifications.translate(e.key(), e.args());
            HasValidation field = fields.get(e.key());
            if (field != null) {
                field.setErrorMessage(text);
                field.setInvalid(true);
                // On a phone the field may sit below the fold of a dialog: bring the message into sight.
                if (field instanceof com.vaadin.flow.component.Component component) {
                    component.scrollIntoView();
                }
            } else {
                formError.setText(text);
                formError.setVisible(true);
            }
            return false;
        }
    }
}
