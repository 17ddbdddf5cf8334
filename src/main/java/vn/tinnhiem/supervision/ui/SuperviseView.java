package vn.tinnhiem.supervision.ui;

import java.time.Clock;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.supervision.SupervisionService;
import vn.tinnhiem.shared.Roles;

/** A conference's live figures for a supervisor, phone first: {@code /supervise/<id>}. */
@Route(value = "supervise/:id([0-9]{1,18})", layout = MainLayout.class)
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.TELLER})
class SuperviseView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final SupervisionService service;
    private final Clock clock;
    private String title = "";

    SuperviseView(SupervisionService service, Clock clock) {
        this.service = service;
        this.clock = clock;
        setId("supervise");
        addClassName("supervise-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ElectionId id = ElectionId.of(event.getRouteParameters().getLong("id").orElse(-1L));
        if (!Watching.allowed(service, id, event)) {
            return;
        }
        removeAll();
        // The session closes after 30 idle minutes (vaadin.closeIdleSessions): pushed figures are no user action,
        // so an open supervision page (the projector's too) asks the server once a minute that it is still there.
        event.getUI().setPollInterval(60_000);
        var panel = new LivePanel(service, id, LivePanel.Mode.PAGE, clock);
        title = getTranslation("supervise.title") + " · " + service.now(id).figures().title();
        add(panel);
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    /** The common check of both supervision routes. */
    static final class Watching {

        private Watching() {
        }

        static boolean allowed(SupervisionService service, ElectionId id, BeforeEnterEvent event) {
            if (id.value() < 0) {
                event.rerouteToError(NotFoundException.class);
                return false;
            }
            if (!service.mayWatch(id)) {
                event.rerouteToError(AccessDeniedException.class);
                return false;
            }
            return true;
        }
    }
}
