package vn.tinnhiem.count.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import vn.tinnhiem.count.CountService;
import vn.tinnhiem.count.ResultTable;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.shared.CurrentStaff;

/**
 * The hall's projector: the results in large type, white on black, with no control at all. Opened on the
 * console before the count ends, it waits and shows the results as soon as they exist (it checks every 5 s).
 */
@Route(value = "projector", autoLayout = false)
@RolesAllowed({"TELLER", "ADMIN"})
class ProjectorView extends Div implements HasUrlParameter<Long>, HasDynamicTitle {

    private final CountService counts;
    private final ElectionService elections;
    private long electionId;
    private String title = "";
    private boolean shown;

    ProjectorView(CountService counts, ElectionService elections) {
        this.counts = counts;
        this.elections = elections;
        setId("projector");
        getStyle().set("background", "#000").set("color", "#fff").set("min-height", "100vh").set("box-sizing",
                "border-box").set("padding", "2vw 3vw").set("font-size", "clamp(18px, 2.4vw, 40px)")
                .set("line-height", "1.35");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        electionId = id;
        Optional<Election> election = elections.find(id);
        if (election.isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        boolean onBoard = elections.boardsOfCurrentTeller().stream().anyMatch(e -> e.id() == id);
        if (!CurrentStaff.hasRole("ADMIN") && !onBoard) {
            event.rerouteToError(AccessDeniedException.class);
            return;
        }
        title = election.get().title();
        show();
        if (!shown) {
            // Wait for the results, then stop asking: the projector shows them until it is closed.
            UI ui = event.getUI();
            ui.setPollInterval(5000);
            var listening = new com.vaadin.flow.shared.Registration[1];
            listening[0] = ui.addPollListener(e -> {
                show();
                if (shown) {
                    ui.setPollInterval(-1);
                    listening[0].remove();
                }
            });
        }
    }

    private void show() {
        removeAll();
        var heading = new H1(title);
        heading.getStyle().set("color", "#fff").set("font-size", "1.6em").set("margin", "0 0 0.4em 0");
        add(heading);
        Optional<ResultTable> results = counts.results(electionId);
        shown = results.isPresent();
        if (results.isEmpty()) {
            var waiting = new Paragraph(getTranslation("projector.waiting"));
            waiting.setId("projector-waiting");
            add(waiting);
            return;
        }
        ResultTable table = results.get();
        var totals = new Paragraph(getTranslation("count.results.totals", table.issued(), table.returned(),
                getTranslation("count.results.denominator." + table.rule().denominator().name(), table.denominator())));
        totals.setId("projector-totals");
        totals.getStyle().set("color", "#ffd54f");
        add(totals);
        List<String> levels = table.kind().levels();
        for (ResultTable.Row row : table.rows()) {
            var line = new Div();
            line.setId("projector-row-" + row.order());
            line.getStyle().set("border-top", "2px solid #555").set("padding", "0.3em 0");
            var name = new Div(row.order() + ". " + row.name());
            name.getStyle().set("font-weight", "700");
            StringBuilder figures = new StringBuilder();
            for (int l = 0; l < levels.size(); l++) {
                figures.append(l > 0 ? "   ·   " : "").append(getTranslation("level." + levels.get(l))).append(": ")
                        .append(row.levels().get(l)).append(" (").append(row.percentages().get(l)).append("%)");
            }
            var numbers = new Div(figures.toString());
            var band = new Div(getTranslation(table.wordingKey(row)));
            band.getStyle().set("color", row.band().name().equals("NONE") ? "#9e9e9e" : "#ff8a80");
            line.add(name, numbers, band);
            add(line);
        }
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
