package vn.tinnhiem.election.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.LifecycleRefusedException;
import vn.tinnhiem.election.Refusal;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.Notifications;

/** The organiser's moves: DRAFT to READY (locks the set-up) and back while nothing depends on it. */
class StatusTab extends VerticalLayout {

    private final Div refusals = new Div();

    StatusTab(ElectionService elections, Election election, Runnable changed) {
        setPadding(false);
        add(new Paragraph(getTranslation("lifecycle.explain")));
        refusals.setId("lifecycle-refusals");
        for (ElectionStatus target : election.status().next()) {
            var button = new Button(getTranslation("lifecycle.to." + target.name()), e -> {
                try {
                    elections.moveTo(election.id(), target);
                    Notifications.success(getTranslation("lifecycle.moved", getTranslation("status." + target.name())));
                    showHeadOfLog(target);
                    changed.run();
                } catch (LifecycleRefusedException ex) {
                    show(ex);
                } catch (UserFacingException ex) {
                    Notifications.refused(ex);
                }
            });
            button.setId("to-" + target.name().toLowerCase(java.util.Locale.ROOT));
            button.addThemeVariants(target.ordinal() > election.status().ordinal() ? ButtonVariant.LUMO_PRIMARY
                    : ButtonVariant.LUMO_CONTRAST);
            add(button);
        }
        add(refusals);
    }

    private void show(LifecycleRefusedException ex) {
        refusals.removeAll();
        refusals.add(new Paragraph(getTranslation("lifecycle.refused")));
        var list = new UnorderedList();
        for (Refusal r : ex.refusals()) {
            list.add(new ListItem(Notifications.translate(r.key(), r.args().toArray())));
        }
        refusals.add(list);
    }

    /**
     * The step's confirmation carries the full head of the audit log, to be written into the minutes. It
     * stays until closed, and blocks nothing else on the screen.
     */
    private void showHeadOfLog(ElectionStatus target) {
        var head = com.vaadin.flow.server.VaadinService.getCurrent().getInstantiator()
                .getOrCreate(vn.tinnhiem.audit.AuditLog.class).head();
        var confirmation = new com.vaadin.flow.component.notification.Notification();
        var hash = new Div(head.grouped());
        hash.setId("lifecycle-head-hash");
        hash.getStyle().set("font-family", "monospace").set("font-size", "1.125rem");
        var close = new Button(getTranslation("common.close"), e -> confirmation.close());
        close.setId("lifecycle-head-close");
        confirmation.add(new Div(new Paragraph(getTranslation("lifecycle.anchored",
                getTranslation("status." + target.name()), head.entryCount())), hash, close));
        confirmation.setPosition(com.vaadin.flow.component.notification.Notification.Position.BOTTOM_STRETCH);
        confirmation.setDuration(0);
        confirmation.open();
    }
}
