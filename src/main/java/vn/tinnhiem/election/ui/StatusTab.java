package vn.tinnhiem.election.ui;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.LifecycleRefusedException;
import vn.tinnhiem.election.LifecycleSteps;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.ConferencePanels;
import vn.tinnhiem.shared.ui.Notifications;

/**
 * The lifecycle steps as the lifecycle service answers them for the signed-in person ({@link LifecycleSteps}), each
 * offered only to the role that takes it (the organiser fixes the lists and
 * takes them back to DRAFT; the tally board opens, closes and counts). A step not yet possible says
 * what is missing instead of offering a button that can only be refused; a step that fixes or reopens
 * the lists asks first. A DRAFT may be deleted, after a confirmation.
 */
class StatusTab extends VerticalLayout {

    private final Div refusals = new Div();

    StatusTab(Elections elections, Lifecycle lifecycle, Election election, Runnable changed) {
        setPadding(false);
        add(new Paragraph(getTranslation("lifecycle.explain")));
        refusals.setId("lifecycle-refusals");
        LifecycleSteps now = lifecycle.steps(election.id());
        if (now.toCeremony().isAllowed()) {
            // The ceremony is its own module's screen: reached by its address, so this module needs none of its types.
            var ceremony = new Button(getTranslation("lifecycle.goCeremony"),
                    e -> getUI().ifPresent(ui -> ui.navigate("ceremony/" + election.id())));
            ceremony.setId("go-ceremony");
            ceremony.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(ceremony);
        }
        if (now.toCount().isAllowed()) {
            // Closing the polls and the count are the count module's screen, reached by its address: there the
            // close freezes the quorum and the cards, and the count follows its steps.
            var count = new Button(getTranslation("lifecycle.goCount"),
                    e -> getUI().ifPresent(ui -> ui.navigate("count/" + election.id())));
            count.setId("go-count");
            count.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(count);
        }
        if (now.last()) {
            add(new Paragraph(getTranslation("lifecycle.nothingNext")));
        }
        for (LifecycleSteps.Step s : now.steps()) {
            ElectionStatus target = s.target();
            String step = getTranslation("lifecycle.to." + target.name());
            Runnable move = () -> {
                try {
                    lifecycle.moveTo(election.id(), target);
                    // One confirmation, not two stacked over half a phone: it names the new status and the head of
                    // the log to write into the minutes, and stays until closed.
                    showHeadOfLog(target);
                    changed.run();
                } catch (LifecycleRefusedException ex) {
                    show(ex);
                } catch (UserFacingException ex) {
                    Notifications.refused(ex);
                }
            };
            if (!s.permission().isShown()) {
                add(note(target, getTranslation(s.byWhom(), step), s.missing()));
                continue;
            }
            if (!s.permission().isAllowed()) {
                add(note(target, getTranslation("lifecycle.missing", step), s.permission().reasons()));
                continue;
            }
            var button = new Button(step, e -> {
                switch (s.confirmation()) {
                    case PLAIN -> Confirm.ask(step, getTranslation("lifecycle.confirm." + target.name()), step, false,
                            move);
                    // Opening cannot be taken back: the tablets take ballots from that moment. One tap must not do it,
                    // and a board opening before the hour on the invitation is told so.
                    case OPENING -> Confirm.ask(step, openingQuestion(election), step, false, move);
                    case NONE -> move.run();
                }
            });
            button.setId("to-" + target.name().toLowerCase(java.util.Locale.ROOT));
            button.addThemeVariants(s.forward() ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_CONTRAST);
            add(button);
        }
        add(refusals);
        // The live figures and the audit log's tail (the supervision module's panels, reached through Spring).
        ConferencePanels.statusPanelsOf(election.id()).forEach(this::add);
        if (elections.deleting(election).isAllowed()) {
            var delete = new Button(getTranslation("elections.delete"), e -> Confirm.ask(getTranslation("elections.delete"),
                    getTranslation("elections.deleteConfirm", election.title()), getTranslation("elections.delete"), true,
                    () -> {
                        if (Notifications.attempt(() -> elections.delete(election.id()))) {
                            Notifications.success(getTranslation("elections.deleted", election.title()));
                            getUI().ifPresent(ui -> ui.navigate(ElectionsView.class));
                        }
                    }));
            delete.setId("delete-election");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            add(delete);
        }
    }

    private String openingQuestion(Election election) {
        var clock = com.vaadin.flow.server.VaadinService.getCurrent().getInstantiator().getOrCreate(java.time.Clock.class);
        java.time.LocalDateTime now = java.time.LocalDateTime.now(clock);
        java.time.LocalDateTime scheduled = election.details().startsAt();
        String question = getTranslation("lifecycle.confirm.OPEN");
        if (now.isBefore(scheduled)) {
            question += " " + getTranslation("lifecycle.confirm.OPEN.early", scheduled.format(ElectionsView.WHEN));
        }
        return question;
    }

    /** A step this person cannot take now: who takes it, or what is still missing before it can be taken. */
    private Div note(ElectionStatus target, String text, List<Refusal> missing) {
        var note = new Div(new Paragraph(text));
        note.setId("step-" + target.name().toLowerCase(java.util.Locale.ROOT));
        note.addClassName("step-note");
        if (!missing.isEmpty()) {
            var list = new UnorderedList();
            for (Refusal r : missing) {
                list.add(new ListItem(Notifications.translate(r.key(), r.args().toArray())));
            }
            note.add(list);
        }
        return note;
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
