package vn.tinnhiem.shared.ui;

import java.util.List;

import org.springframework.web.context.support.WebApplicationContextUtils;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.server.VaadinServlet;

import vn.tinnhiem.shared.ElectionId;

/**
 * Panels another module adds to a conference's status tab (the live figures of supervision), without the
 * election module depending on that module: a Spring bean implements this, and the tab asks for all of them.
 */
public interface ConferencePanels {

    /** The panels for the conference's status tab, in order; none when the signed-in person may not see them. */
    List<Component> statusPanels(ElectionId electionId);

    /** Every module's status panels for the conference, from the beans of the running application. */
    static List<Component> statusPanelsOf(ElectionId electionId) {
        VaadinServlet servlet = VaadinServlet.getCurrent();
        var context = servlet == null ? null
                : WebApplicationContextUtils.getWebApplicationContext(servlet.getServletContext());
        if (context == null) {
            return List.of();
        }
        return context.getBeanProvider(ConferencePanels.class).orderedStream()
                .flatMap(p -> p.statusPanels(electionId).stream()).toList();
    }
}
