package vn.tinnhiem.count.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.tinnhiem.count.CountPermissions;
import vn.tinnhiem.count.CountResults;
import vn.tinnhiem.count.CountSummary;
import vn.tinnhiem.count.ResultTable;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;

/**
 * The hall's projector: the results in large type, white on black, with no control at all. Opened on the
 * console before the count ends, it waits and shows the results as soon as they exist (it checks every 5 s).
 *
 * <p>The results are a compact table, one row per candidate (STT, name, each level's count and percentage,
 * valid, invalid, the band), under the totals and the quorum line the minutes print. On a projector (a wide
 * screen) nothing scrolls: the browser measures how many rows fit under the heading and, when not all do,
 * shows them a page at a time, turning by itself every {@link ProjectorPages#seconds()} with "Trang 2/3" at
 * the foot. Measured in the browser, not guessed here: the rows' height depends on the screen, the font and
 * the names. On a phone the table becomes one card per candidate and the page scrolls.
 */
@Route(value = "projector", autoLayout = false)
@RolesAllowed({Roles.TELLER, Roles.ADMIN})
class ProjectorView extends Div implements HasUrlParameter<Long>, HasDynamicTitle {

    /** Narrow screens (a phone): cards and scrolling, no pages. Kept equal to the stylesheet's media query. */
    private static final String NARROW = "(max-width: 699px), (max-height: 399px)";

    private static final String STYLE = """
            html, body { margin: 0; background: #000; }
            #projector { background: #000; color: #fff; box-sizing: border-box; height: 100vh; overflow: hidden;
              padding: 1.2vh 2vw; display: flex; flex-direction: column; line-height: 1.3;
              font-size: clamp(16px, min(2.6vh, 1.65vw), 40px); }
            #projector.projector-few { font-size: clamp(18px, min(3.2vh, 1.75vw), 52px); }
            #projector h1 { color: #fff; font-size: 1.45em; line-height: 1.2; margin: 0 0 0.2em 0; }
            #projector p { margin: 0 0 0.25em 0; }
            #projector-totals { color: #ffd54f; }
            #projector-quorum.projector-no-quorum { color: #fff; background: #b71c1c; font-weight: 700;
              padding: 0.15em 0.5em; border: 3px solid #ff8a80; }
            .projector-table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 0.2em; }
            .projector-table th { color: #bdbdbd; font-weight: 600; font-size: 0.8em; text-align: start;
              vertical-align: bottom; padding: 0.1em 0.3em; border-bottom: 2px solid #888; }
            .projector-table td { padding: 0.12em 0.3em; border-top: 1px solid #555; vertical-align: top;
              overflow-wrap: anywhere; }
            .projector-table .projector-number { text-align: end; font-variant-numeric: tabular-nums; }
            .projector-table .projector-name { font-weight: 700; }
            .projector-table .projector-pct { color: #bdbdbd; }
            .projector-band-NONE { color: #9e9e9e; }
            .projector-band-OVER_HALF, .projector-band-TWO_THIRDS { color: #ff8a80; font-weight: 700; }
            .projector-foot { margin-top: auto; display: flex; justify-content: space-between; gap: 1em;
              color: #bdbdbd; font-size: 0.8em; padding-top: 0.2em; }
            #projector-page { color: #fff; font-weight: 700; white-space: nowrap; }
            @media (max-width: 699px), (max-height: 399px) {
              #projector, #projector.projector-few { height: auto; min-height: 100vh; overflow: visible;
                font-size: 18px; padding: 12px; }
              .projector-table, .projector-table tbody, .projector-table tr, .projector-table td { display: block; }
              .projector-table colgroup, .projector-table thead { display: none; }
              .projector-table tr { border-top: 2px solid #555; padding: 6px 0; }
              .projector-table td { border: 0; padding: 1px 0; text-align: start; }
              .projector-table .projector-number { text-align: start; }
              .projector-table td[data-label]::before { content: attr(data-label) ": "; color: #bdbdbd;
                font-weight: 400; }
              .projector-table td:first-child, .projector-table td.projector-name { display: inline; font-weight: 700; }
              .projector-table td:first-child::before { content: none; }
              .projector-table td:first-child::after { content: ". "; }
              .projector-foot { margin-top: 12px; }
            }
            """;

    /**
     * Packs the rows into pages that fit the screen and turns them; on a narrow screen, one page of everything.
     * $0: seconds a page shows, $1: "Trang {0}/{1}", $2: the narrow media query.
     */
    private static final String PAGER = """
            const root = this, seconds = $0, pattern = $1, narrowQuery = $2;
            if (root.tnPager) { clearInterval(root.tnPager.timer); window.removeEventListener('resize', root.tnPager.resize); }
            const body = root.querySelector('tbody');
            const label = root.querySelector('#projector-page');
            const foot = root.querySelector('.projector-foot');
            const rows = Array.from(body.rows);
            const state = {pages: [rows], page: 0};
            root.tnPager = state;
            const text = (p, n) => pattern.replace('{0}', p).replace('{1}', n);
            function show() {
              const current = new Set(state.pages[state.page]);
              rows.forEach(r => r.hidden = !current.has(r));
              root.dataset.page = state.page + 1;
              root.dataset.pages = state.pages.length;
              label.textContent = text(state.page + 1, state.pages.length);
              label.hidden = state.pages.length < 2;
            }
            function layout() {
              rows.forEach(r => r.hidden = false);
              state.pages = [rows];
              state.page = 0;
              if (!window.matchMedia(narrowQuery).matches) {
                window.scrollTo(0, 0);
                // The foot's line is kept for "Trang 9/9", so a page never runs under it.
                label.hidden = false;
                label.textContent = text(9, 9);
                const bottom = window.innerHeight - parseFloat(getComputedStyle(root).paddingBottom)
                    - foot.getBoundingClientRect().height - 2;
                const room = bottom - body.getBoundingClientRect().top;
                const heights = rows.map(r => r.getBoundingClientRect().height);
                const pack = cap => {
                  const pages = [];
                  let page = [], used = 0;
                  rows.forEach((r, i) => {
                    if (page.length && (used + heights[i] > room || page.length >= cap)) {
                      pages.push(page); page = []; used = 0;
                    }
                    page.push(r);
                    used += heights[i];
                  });
                  if (page.length) pages.push(page);
                  return pages;
                };
                state.pages = pack(rows.length);
                // As many rows on each page as can be (15, 15, 14 rather than 18, 18, 8), when they still fit.
                const even = pack(Math.ceil(rows.length / state.pages.length));
                if (even.length === state.pages.length) state.pages = even;
              }
              show();
            }
            let pending;
            state.resize = () => { clearTimeout(pending); pending = setTimeout(layout, 200); };
            window.addEventListener('resize', state.resize);
            state.timer = setInterval(() => {
              if (state.pages.length > 1) { state.page = (state.page + 1) % state.pages.length; show(); }
            }, seconds * 1000);
            (document.fonts ? document.fonts.ready : Promise.resolve()).then(layout);
            layout();
            """;

    private final CountResults results;
    private final CountPermissions permissions;
    private final Elections elections;
    private final int pageSeconds;
    private ElectionId electionId;
    private String title = "";
    private boolean shown;

    ProjectorView(CountResults results, CountPermissions permissions, Elections elections,
            ProjectorPages pages) {
        this.results = results;
        this.permissions = permissions;
        this.elections = elections;
        this.pageSeconds = pages.seconds();
        setId("projector");
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        ElectionId id = ElectionId.of(parameter);
        electionId = id;
        Optional<Election> election = elections.find(id);
        if (election.isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        if (!permissions.projector(id).isAllowed()) {
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
        var style = new Element("style");
        style.setText(STYLE);
        getElement().appendChild(style);
        var heading = new H1(title);
        add(heading);
        // The same figures the minutes print, the quorum by the same rule (CountSummary.Closing).
        Optional<CountSummary> summary = results.summary(electionId);
        shown = summary.isPresent();
        if (summary.isEmpty()) {
            var waiting = new Paragraph(getTranslation("projector.waiting"));
            waiting.setId("projector-waiting");
            add(waiting);
            return;
        }
        ResultTable table = summary.get().results();
        CountSummary.Closing closing = summary.get().closing();
        var totals = new Paragraph(getTranslation("count.results.totals", table.issued(), table.returned(),
                getTranslation("count.results.denominator." + table.rule().denominator().name(), table.denominator())));
        totals.setId("projector-totals");
        var quorum = new Paragraph(getTranslation(closing.quorumMet() ? "count.doc.quorumMet" : "count.doc.quorumNotMet",
                closing.present(), closing.summoned()));
        quorum.setId("projector-quorum");
        quorum.setClassName("projector-no-quorum", !closing.quorumMet());
        add(totals, quorum);
        setClassName("projector-few", table.rows().size() <= 8);
        getElement().appendChild(table(table));

        List<String> levels = table.kind().levels();
        var legend = new Span(getTranslation("projector.band.legend", getTranslation("level." + levels.getLast()),
                getTranslation("count.results.denominator." + table.rule().denominator().name(), table.denominator())));
        legend.setId("projector-legend");
        var page = new Span();
        page.setId("projector-page");
        page.getElement().setAttribute("aria-live", "polite");
        var foot = new Div(legend, page);
        foot.addClassName("projector-foot");
        add(foot);
        getElement().executeJs(PAGER, pageSeconds, getTranslation("projector.page", "{0}", "{1}"), NARROW);
    }

    private Element table(ResultTable table) {
        List<String> levels = table.kind().levels();
        var element = new Element("table");
        element.setAttribute("id", "projector-table");
        element.getClassList().add("projector-table");
        // Fixed widths: hiding another page's rows must not move the columns (the pages are measured once).
        int levelWidth = levels.size() == 3 ? 14 : 18;
        List<Integer> widths = new ArrayList<>(List.of(5, 0));
        levels.forEach(l -> widths.add(levelWidth));
        widths.addAll(List.of(7, 8, 15));
        widths.set(1, 100 - widths.stream().mapToInt(Integer::intValue).sum());
        var columns = new Element("colgroup");
        for (int w : widths) {
            columns.appendChild(new Element("col").setAttribute("style", "width: " + w + "%"));
        }
        List<String> headers = new ArrayList<>(List.of(getTranslation("projector.col.order"),
                getTranslation("projector.col.name")));
        levels.forEach(l -> headers.add(getTranslation("level." + l)));
        headers.addAll(List.of(getTranslation("projector.col.valid"), getTranslation("projector.col.invalid"),
                getTranslation("projector.col.band")));
        var headRow = new Element("tr");
        for (int i = 0; i < headers.size(); i++) {
            var th = new Element("th").setText(headers.get(i)).setAttribute("scope", "col");
            if (i != 1 && i != headers.size() - 1) {
                th.getClassList().add("projector-number");
            }
            headRow.appendChild(th);
        }
        var body = new Element("tbody");
        for (ResultTable.Row row : table.rows()) {
            var tr = new Element("tr");
            tr.setAttribute("id", "projector-row-" + row.order());
            tr.setAttribute("data-order", String.valueOf(row.order()));
            tr.appendChild(cell(String.valueOf(row.order()), headers.get(0), "projector-number"));
            tr.appendChild(cell(row.name(), null, "projector-name"));
            for (int l = 0; l < levels.size(); l++) {
                var td = cell(null, headers.get(2 + l), "projector-number");
                td.appendChild(new Element("span").setText(String.valueOf(row.levels().get(l))));
                td.appendChild(new Element("span").setText(" (" + row.percentages().get(l) + "%)")
                        .setAttribute("class", "projector-pct"));
                tr.appendChild(td);
            }
            tr.appendChild(cell(String.valueOf(row.valid()), headers.get(2 + levels.size()), "projector-number"));
            tr.appendChild(cell(String.valueOf(row.invalid()), headers.get(3 + levels.size()), "projector-number"));
            tr.appendChild(cell(getTranslation("projector.band." + row.band().name()), headers.getLast(),
                    "projector-band-" + row.band().name()));
            body.appendChild(tr);
        }
        element.appendChild(columns, new Element("thead").appendChild(headRow), body);
        return element;
    }

    private static Element cell(String text, String label, String className) {
        var td = new Element("td");
        if (text != null) {
            td.setText(text);
        }
        if (label != null) {
            td.setAttribute("data-label", label);
        }
        td.getClassList().add(className);
        return td;
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
