package vn.tinnhiem.audit.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.audit.ChainCheck;
import vn.tinnhiem.shared.ui.MainLayout;

/** The newest staff actions and a button that re-hashes the whole chain. */
@Route(value = "audit", layout = MainLayout.class)
@Menu(title = "menu.audit", order = 9)
@RolesAllowed({"ADMIN", "SUPERVISOR"})
class AuditView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    AuditView(AuditLog audit) {
        var result = new Div();
        result.setId("chain-result");
        var check = new Button(getTranslation("audit.check"), e -> {
            ChainCheck c = audit.verifyChain();
            result.removeAll();
            result.removeClassNames("chain-ok", "chain-broken");
            if (c.isIntact()) {
                result.setText(getTranslation("audit.intact", c.entriesChecked()));
                result.addClassName("chain-ok");
            } else {
                String reason = getTranslation(c.reasonKey().orElse("audit.broken.hash"));
                long id = c.brokenEntryId().orElse(-1L);
                result.setText(id > 0 ? getTranslation("audit.brokenAt", id, reason) : reason);
                result.addClassName("chain-broken");
            }
        });
        check.setId("check-chain");
        check.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        var grid = new Grid<AuditEntry>();
        grid.addColumn(AuditEntry::id).setHeader("#").setWidth("5em").setFlexGrow(0);
        grid.addColumn(a -> WHEN.format(a.occurredAt())).setHeader(getTranslation("audit.when")).setAutoWidth(true);
        grid.addColumn(AuditEntry::actor).setHeader(getTranslation("audit.actor")).setAutoWidth(true);
        grid.addColumn(a -> actionLabel(a.action())).setHeader(getTranslation("audit.action")).setAutoWidth(true);
        grid.addColumn(AuditEntry::subject).setHeader(getTranslation("audit.subject")).setWidth("9em").setFlexGrow(0);
        grid.addColumn(AuditEntry::details).setHeader(getTranslation("audit.details")).setWidth("18em").setFlexGrow(3);
        grid.addColumn(a -> a.entryHash().substring(0, 12) + "…").setHeader(getTranslation("audit.hash"));
        grid.setItems(audit.newest(500));
        add(new H2(getTranslation("audit.title")), check, result, grid);
        add(new AuditDownloads());
        setSizeFull();
    }

    /** The action in words; the technical name where no words exist (it is what the hash covers). */
    private String actionLabel(String action) {
        String label = getTranslation("audit.action." + action);
        return label.startsWith("!") ? action : label;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("audit.title");
    }
}
