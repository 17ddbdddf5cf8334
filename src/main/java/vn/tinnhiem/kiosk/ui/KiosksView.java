package vn.tinnhiem.kiosk.ui;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.kiosk.EnrollmentCode;
import vn.tinnhiem.kiosk.FrontendBundle;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.kiosk.KioskStatus;
import vn.tinnhiem.kiosk.KioskSummary;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.ui.Notifications;
import vn.tinnhiem.shared.Roles;

/**
 * The administrator's tablets: add one for a conference and show its enrollment QR, rename, revoke
 * (asked first). Each tablet is a card (name, conference, state and last contact beneath, one "⋮").
 */
@Route(value = "kiosks", layout = MainLayout.class)
@Menu(title = "menu.kiosks", order = 6)
@RolesAllowed(Roles.ADMIN)
class KiosksView extends VerticalLayout implements HasDynamicTitle {

    private final KioskService kiosks;
    private final DateTimeFormatter time;
    private final DateTimeFormatter contactTime;
    private final Div list = new Div();

    KiosksView(KioskService kiosks, Clock clock) {
        this.kiosks = kiosks;
        this.time = DateTimeFormatter.ofPattern("HH:mm").withZone(clock.getZone());
        this.contactTime = DateTimeFormatter.ofPattern("HH:mm dd/MM").withZone(clock.getZone());
        addClassName("touch-fields");
        addClassName("election-screen");

        var name = new TextField(getTranslation("kiosks.name"));
        name.setId("kiosk-name");
        name.setPlaceholder(getTranslation("kiosks.name.placeholder"));
        name.setMaxLength(100);
        var conference = new Select<Election>();
        conference.setId("kiosk-conference-choice");
        conference.setLabel(getTranslation("kiosks.conference"));
        conference.setItemLabelGenerator(e -> e.title() + " · " + getTranslation("status." + e.status().name()));
        List<Election> choices = kiosks.conferencesToEnrollFor();
        conference.setItems(choices);
        // The one conference whose polls are open is the likely one; otherwise the organiser picks.
        kiosks.likelyToEnrollFor(choices).ifPresent(conference::setValue);
        var add = new Button(getTranslation("kiosks.add"), VaadinIcon.PLUS.create(), e -> {
            name.setInvalid(false);
            conference.setInvalid(false);
            if (conference.getValue() == null) {
                conference.setErrorMessage(getTranslation("kiosk.error.conference"));
                conference.setInvalid(true);
                return;
            }
            try {
                EnrollmentCode code = kiosks.add(name.getValue(), conference.getValue().id());
                name.clear();
                refresh();
                showCode(code);
            } catch (UserFacingException ex) {
                var field = ex.key().equals("kiosk.error.name") ? name : null;
                if (field == null) {
                    conference.setErrorMessage(Notifications.translate(ex.key(), ex.args()));
                    conference.setInvalid(true);
                } else {
                    field.setErrorMessage(Notifications.translate(ex.key(), ex.args()));
                    field.setInvalid(true);
                }
            }
        });
        add.setId("add-kiosk");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new FormLayout(name, conference, add);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));

        var help = new Paragraph(getTranslation("kiosks.help"));
        help.addClassName("step-note");
        list.setId("kiosks");
        list.addClassName("card-list");
        add(new H1(getTranslation("kiosks.title")), help, bundleHash("kiosks-bundle-hash"), form, list);
        setWidthFull();
        refresh();
    }

    private void refresh() {
        list.removeAll();
        List<KioskSummary> all = kiosks.list();
        if (all.isEmpty()) {
            var none = new Paragraph(getTranslation("kiosks.none"));
            none.setId("kiosks-none");
            list.add(none);
        }
        for (KioskSummary s : all) {
            var main = new Span(s.kiosk().name());
            main.addClassName("card-main");
            String contact = s.lastContact().map(t -> getTranslation("kiosks.lastContact", contactTime.format(t)))
                    .orElse(getTranslation("kiosks.noContact"));
            String state = getTranslation("kiosks.status." + s.kiosk().status().name());
            var details = new Div(s.conferenceTitle() + " · " + state
                    + (s.kiosk().status() == KioskStatus.ACTIVE ? " · " + contact : ""));
            details.addClassName("card-details");
            var body = new Div(main, details);
            body.addClassName("card-body");
            var card = new Div(body);
            card.addClassName("election-card");
            card.addClassName("kiosk-card");
            card.getElement().setAttribute("data-kiosk", s.kiosk().name());
            if (s.kiosk().status() != KioskStatus.REVOKED) {
                card.add(menu(s));
            }
            list.add(card);
        }
    }

    private MenuBar menu(KioskSummary s) {
        var menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_ICON);
        menu.addClassName("row-menu");
        menu.setId("kiosk-menu-" + s.kiosk().id());
        var root = menu.addItem(VaadinIcon.ELLIPSIS_DOTS_V.create());
        root.setAriaLabel(getTranslation("common.actions"));
        root.getSubMenu().addItem(getTranslation("kiosks.rename"), e -> rename(s)).setId("kiosk-rename");
        if (s.kiosk().status() == KioskStatus.PENDING) {
            root.getSubMenu().addItem(getTranslation("kiosks.newCode"), e -> {
                try {
                    showCode(kiosks.newCode(s.kiosk().id()));
                } catch (UserFacingException ex) {
                    Notifications.refused(ex);
                }
            }).setId("kiosk-new-code");
        }
        root.getSubMenu().addItem(getTranslation("kiosks.revoke"), e -> {
            var dialog = new ConfirmDialog();
            dialog.setId("confirm-revoke");
            dialog.setHeader(getTranslation("kiosks.revoke.title", s.kiosk().name()));
            dialog.setText(getTranslation("kiosks.revoke.text", s.kiosk().name()));
            dialog.setCancelable(true);
            dialog.setCancelText(getTranslation("common.cancel"));
            dialog.setConfirmText(getTranslation("kiosks.revoke"));
            dialog.setConfirmButtonTheme("error primary");
            dialog.addConfirmListener(c -> {
                if (Notifications.attempt(() -> kiosks.revoke(s.kiosk().id()))) {
                    Notifications.success(getTranslation("kiosks.revoked", s.kiosk().name()));
                    refresh();
                }
            });
            dialog.open();
        }).setId("kiosk-revoke");
        root.getSubMenu().getItems().forEach(i -> i.getElement().getStyle().set("min-height", "44px"));
        return menu;
    }

    private void rename(KioskSummary s) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("kiosks.rename.title", s.kiosk().name()));
        var field = new TextField(getTranslation("kiosks.name"));
        field.setId("kiosk-new-name");
        field.setValue(s.kiosk().name());
        field.setMaxLength(100);
        field.setWidthFull();
        dialog.add(field);
        var cancel = new Button(getTranslation("common.cancel"), e -> dialog.close());
        var save = new Button(getTranslation("common.save"), e -> {
            try {
                kiosks.rename(s.kiosk().id(), field.getValue());
                dialog.close();
                refresh();
            } catch (UserFacingException ex) {
                field.setErrorMessage(Notifications.translate(ex.key(), ex.args()));
                field.setInvalid(true);
            }
        });
        save.setId("kiosk-save-name");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(cancel, save);
        dialog.open();
    }

    /**
     * The hash of the page code this server serves (FrontendBundle), in groups of four, for a supervisor to compare
     * with the hash published with the release: on this page, in the enrollment dialog and on the tablet's
     * enrollment screen.
     */
    static Paragraph bundleHash(String id) {
        var p = new Paragraph();
        p.setId(id);
        p.addClassName("bundle-hash");
        p.getStyle().set("overflow-wrap", "anywhere");
        FrontendBundle.served().grouped().ifPresentOrElse(h -> {
            // The hash in a fixed-width face, each group of four in line with the release's printed one.
            var hash = new Span(h);
            hash.addClassName("bundle-hash-value");
            hash.getStyle().set("font-family", "monospace").set("font-weight", "700").set("white-space", "normal");
            p.add(new Span(p.getTranslation("kiosks.bundleHash") + " "), hash,
                    new Span(". " + p.getTranslation("kiosks.bundleHash.compare") + "."));
        }, () -> p.setText(p.getTranslation("kiosks.bundleHash.none")));
        return p;
    }

    /** The QR and the link as text, shown once: the code is not kept anywhere readable. */
    private void showCode(EnrollmentCode code) {
        String url = serverAddress() + code.path();
        var dialog = new Dialog();
        dialog.setId("enrollment-dialog");
        dialog.setHeaderTitle(getTranslation("kiosks.code.title", code.kiosk().name()));
        var qr = new Image(EnrollmentQr.dataUrl(url), getTranslation("kiosks.code.qr"));
        qr.setId("enrollment-qr");
        // Inline: the kiosk page's stylesheet is not loaded on staff screens.
        qr.getStyle().set("display", "block").set("width", "min(70vw, 320px)").set("height", "auto")
                .set("margin", "8px auto").set("image-rendering", "pixelated");
        var link = new Span(url);
        link.setId("enrollment-url");
        link.getStyle().set("display", "block").set("font-family", "monospace").set("overflow-wrap", "anywhere")
                .set("user-select", "all").set("background", "var(--lumo-contrast-5pct)").set("padding", "8px")
                .set("border-radius", "6px");
        dialog.add(new Paragraph(getTranslation("kiosks.code.text", time.format(code.expiresAt()))), qr, link,
                bundleHash("enrollment-bundle-hash"));
        var done = new Button(getTranslation("kiosks.code.done"), e -> {
            dialog.close();
            refresh();
        });
        done.setId("enrollment-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.open();
    }

    /** The address this administrator reached the server by (https://192.168.1.10 in the hall): the tablets can too. */
    private static String serverAddress() {
        VaadinRequest current = VaadinRequest.getCurrent();
        if (!(current instanceof VaadinServletRequest servlet)) {
            return "";
        }
        HttpServletRequest request = servlet.getHttpServletRequest();
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean usual = ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + request.getServerName() + (usual ? "" : ":" + port) + request.getContextPath();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("kiosks.title");
    }
}
