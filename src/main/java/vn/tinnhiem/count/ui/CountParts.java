package vn.tinnhiem.count.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The small pieces the count's screen and its results section are built of, so both look alike. */
final class CountParts {

    private CountParts() {
    }

    static VerticalLayout section(String id, String headingKey) {
        var section = new VerticalLayout();
        section.setPadding(false);
        section.setId(id);
        section.add(new H2(section.getTranslation(headingKey)));
        return section;
    }

    static Paragraph line(String text) {
        var p = new Paragraph(text);
        p.getStyle().set("margin", "0.2em 0");
        return p;
    }

    /** A list item as a card: the name, its details beneath. */
    static Div card(String name, String details) {
        var card = new Div();
        card.addClassName("count-card");
        card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius",
                "var(--lumo-border-radius-m)").set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("margin", "0 0 var(--lumo-space-s) 0").set("overflow-wrap", "anywhere");
        var n = new Div(name);
        n.getStyle().set("font-weight", "600");
        var d = new Div(details);
        d.addClassName("cell-details");
        d.getStyle().set("color", "var(--lumo-secondary-text-color)");
        card.add(n, d);
        return card;
    }

    static void confirm(String header, String text, String confirm, Runnable action) {
        var dialog = new ConfirmDialog();
        dialog.setId("confirm-dialog");
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setCancelText(dialog.getTranslation("common.cancel"));
        dialog.setConfirmText(confirm);
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> action.run());
        dialog.open();
    }

    /** A hash in groups of four, to read aloud and compare with the offline laptop's screen. */
    static String grouped(String hex) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            sb.append(i > 0 ? " " : "").append(hex, i, Math.min(hex.length(), i + 4));
        }
        return sb.toString();
    }
}
