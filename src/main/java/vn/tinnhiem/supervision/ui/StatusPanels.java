package vn.tinnhiem.supervision.ui;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;

import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ui.ConferencePanels;
import vn.tinnhiem.supervision.SupervisionService;
import vn.tinnhiem.shared.Roles;

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
    public List<com.vaadin.flow.component.Component> statusPanels(long electionId) {
        // The organiser's tab only: a teller's board screen keeps its steps alone (the teller has /supervise/<id>).
        if (!CurrentStaff.hasRole(Roles.ADMIN) || !service.mayWatch(electionId)
                || service.now(electionId).figures().status() == ElectionStatus.DRAFT) {
            return List.of();
        }
        return List.of(new LivePanel(service, electionId, LivePanel.Mode.STATUS, clock));
    }
}
