package vn.tinnhiem.election.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Anything that deletes, or fixes the lists, asks first: one tap must never destroy or lock. */
final class Confirm {

    private Confirm() {
    }

    static ConfirmDialog ask(String header, String text, String confirmLabel, boolean destructive, Runnable onConfirm) {
        UI ui = UI.getCurrent();
        var dialog = new ConfirmDialog();
        dialog.setId("confirm-dialog");
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setCancelText(ui.getTranslation("common.cancel"));
        dialog.setConfirmText(confirmLabel);
        if (destructive) {
            dialog.setConfirmButtonTheme("error primary");
        }
        dialog.addConfirmListener(e -> onConfirm.run());
        dialog.open();
        return dialog;
    }
}
