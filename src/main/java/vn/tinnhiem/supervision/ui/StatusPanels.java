package vn.tinnhiem.supervision.ui;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;

import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.ConferencePanels;
import vn.tinnhiem.supervision.SupervisionService;

/**
 * The live figures and the audit log's tail on the organiser's status tab, once the lists are fixed (a DRAFT
 * has nobody present and no card). The election module finds this bean through {@link ConferencePanels}.
 */
@Component
class StatusPanels implements ConferencePanels {

    private final SupervisionService service;
    private final Clock clock;

    StatusPanels(SupervisionService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public List<com.vaadin.flow.component.Component> statusPanels(ElectionId electionId) {
        // The organiser's tab only, once the lists are fixed: the service says (SupervisionService.statusPanels).
        if (!service.statusPanels(electionId).isAllowed()) {
            return List.of();
        }
        return List.of(new LivePanel(service, electionId, LivePanel.Mode.STATUS, clock));
    }
}
