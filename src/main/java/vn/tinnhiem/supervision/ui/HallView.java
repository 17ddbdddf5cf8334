package vn.tinnhiem.supervision.ui;

import java.time.Clock;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.supervision.SupervisionService;
import vn.tinnhiem.shared.Roles;

/**
 * The hall screen for a projector, {@code /supervise/<id>/hall}: the figures in large type, white on black,
 * the quorum and the chart, and no control at all.
 */
@Route(value = "supervise/:id([0-9]{1,18})/hall", autoLayout = false)
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.TELLER})
class HallView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final SupervisionService service;
    private final Clock clock;
    private String title = "";

    HallView(SupervisionService service, Clock clock) {
        this.service = service;
        this.clock = clock;
        setId("supervise-hall");
        addClassName("supervise-hall");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ElectionId id = ElectionId.of(event.getRouteParameters().getLong("id").orElse(-1L));
        if (!SuperviseView.Watching.allowed(service, id, event)) {
            return;
        }
        removeAll();
        // The session closes after 30 idle minutes (vaadin.closeIdleSessions): pushed figures are no user action,
        // so an open supervision page (the projector's too) asks the server once a minute that it is still there.
        event.getUI().setPollInterval(60_000);
        add(new LivePanel(service, id, LivePanel.Mode.HALL, clock));
        title = service.now(id).figures().title();
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
