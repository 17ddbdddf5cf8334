package vn.tinnhiem.audit.ui;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.AnchorFinding;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditHead;
import vn.tinnhiem.audit.AuditExports;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.audit.AuditSearch;
import vn.tinnhiem.audit.AuditSentences;
import vn.tinnhiem.audit.ChainCheck;
import vn.tinnhiem.shared.ui.Cells;
import vn.tinnhiem.shared.ui.MainLayout;
import vn.tinnhiem.shared.Roles;

/**
 * The staff actions in words, newest first, searched on the server; the full head of the chain to
 * copy into the minutes; and the integrity check with what it found against the anchors. On a phone
 * each entry is a card (the action in words, who and when beneath); on a desktop, aligned columns.
 * A supervisor sees only the entries of the conferences they are named for, names hidden (the service
 * decides; the screen says so).
 */
@Route(value = "audit", layout = MainLayout.class)
@Menu(title = "menu.audit", order = 9)
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
class AuditView extends VerticalLayout implements HasDynamicTitle {

    /** Below this window width the log is a list of cards. */
    private static final int PHONE_WIDTH = 700;

    private final AuditLog audit;
    private final DateTimeFormatter when;
    private final Grid<AuditEntry> grid = new Grid<>();
    private final Div head = new Div();
    private final Div result = new Div();
    private final TextField text = new TextField();
    private final ComboBox<String> actor = new ComboBox<>();
    private final ComboBox<String> action = new ComboBox<>();
    /** The tools above the log; the export button belongs here too. */
    private final FlexLayout toolbar = new FlexLayout();
    private Map<String, String> subjectNames = Map.of();
    private Grid.Column<AuditEntry> card;
    private Grid.Column<AuditEntry>[] columns;

    AuditView(AuditLog audit, AuditExports exports, Clock clock) {
        this.audit = audit;
        // The hall's zone, from the one clock: never the server's.
        this.when = DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy").withZone(clock.getZone());
        setSizeFull();

        head.setId("audit-head");
        showHead(audit.head());

        text.setId("audit-search");
        text.setLabel(getTranslation("audit.search"));
        // A supervisor's search finds people who acted and conferences, never words inside hidden details.
        boolean supervisor = exports.extractOnly();
        text.setHelperText(getTranslation(supervisor ? "audit.search.helperScoped" : "audit.search.helper"));
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.addValueChangeListener(e -> refresh());
        actor.setId("audit-actor");
        actor.setLabel(getTranslation("audit.actor"));
        actor.setPlaceholder(getTranslation("audit.any"));
        actor.setClearButtonVisible(true);
        actor.addValueChangeListener(e -> refresh());
        action.setId("audit-action");
        action.setLabel(getTranslation("audit.action"));
        action.setPlaceholder(getTranslation("audit.any"));
        action.setClearButtonVisible(true);
        action.setItemLabelGenerator(a -> AuditSentences.label(a, getLocale()));
        action.addValueChangeListener(e -> refresh());
        var check = new Button(getTranslation("audit.check"), e -> showCheck(audit.verifyChain()));
        check.setId("check-chain");
        check.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        toolbar.setId("audit-toolbar");
        toolbar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.getStyle().set("gap", "var(--lumo-space-s) var(--lumo-space-m)")
                // Fields a finger can hit: 44 px, as the buttons are.
                .set("--lumo-size-m", "44px").set("--lumo-text-field-size", "44px")
                .set("--vaadin-input-field-height", "44px");
        toolbar.setWidthFull();
        for (var field : new com.vaadin.flow.component.HasSize[] {text, actor, action}) {
            // Side by side on a desktop, one per line on a phone; never narrower than a name.
            ((com.vaadin.flow.component.Component) field).getStyle().set("flex", "1 1 14rem");
            field.setMinWidth("0");
        }
        toolbar.add(text, actor, action, check);

        result.setId("chain-result");

        grid.setId("audit-log");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("audit.empty"));
        // Widths in rem, not em: a header cell's font is smaller than a body cell's, so em would offset them.
        var number = grid.addColumn(AuditEntry::id).setHeader("#").setWidth("4.5rem").setFlexGrow(0);
        var at = grid.addColumn(e -> when.format(e.occurredAt())).setHeader(getTranslation("audit.when"))
                .setWidth("10.5rem").setFlexGrow(0);
        var by = grid.addColumn(AuditEntry::actor).setHeader(getTranslation("audit.actor")).setWidth("10rem").setFlexGrow(0);
        var what = grid.addColumn(wrapping()).setHeader(getTranslation("audit.action")).setWidth("12rem").setFlexGrow(1);
        var hash = grid.addColumn(e -> e.entryHash().substring(0, 8) + "…").setHeader(getTranslation("audit.hash"))
                .setWidth("7.5rem").setFlexGrow(0);
        card = grid.addColumn(Cells.nameWithDetails(this::sentence, e -> e.actor() + " · " + when.format(e.occurredAt())))
                .setHeader(getTranslation("audit.action")).setFlexGrow(1);
        @SuppressWarnings("unchecked")
        Grid.Column<AuditEntry>[] table = new Grid.Column[] {number, at, by, what, hash};
        columns = table;
        card.setVisible(false);
        grid.setWidthFull();
        // The page scrolls on a small screen, so the log keeps room for several cards below the tools.
        grid.setMinHeight("28em");
        setFlexGrow(1, grid);

        add(new H1(getTranslation("audit.title")));
        if (supervisor) {
            var scoped = new Paragraph(getTranslation("audit.scoped"));
            scoped.setId("audit-scoped");
            add(scoped);
        }
        add(head, toolbar, new AuditDownloads(), result, grid);
        refresh();
    }

    private LitRenderer<AuditEntry> wrapping() {
        // A file's hash in a sentence is one long word: let it break rather than push the page sideways.
        return LitRenderer.<AuditEntry>of("<span style=\"overflow-wrap:anywhere\">${item.sentence}</span>")
                .withProperty("sentence", this::sentence);
    }

    private String sentence(AuditEntry e) {
        return AuditSentences.describe(e, subjectNames, getLocale());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        var page = event.getUI().getPage();
        page.retrieveExtendedClientDetails(details -> fit(details.getWindowInnerWidth()));
        page.addBrowserWindowResizeListener(e -> fit(e.getWidth()));
    }

    /** Cards on a phone, columns on a wider screen. */
    private void fit(int width) {
        boolean phone = width < PHONE_WIDTH;
        card.setVisible(phone);
        for (var c : columns) {
            c.setVisible(!phone);
        }
    }

    private void refresh() {
        subjectNames = audit.subjectNames();
        actor.setItems(audit.actors());
        action.setItems(audit.actions());
        var search = new AuditSearch(text.getValue(), value(actor), value(action));
        grid.setItems(query -> audit.search(search, query.getOffset(), query.getLimit()).stream());
    }

    private static String value(ComboBox<String> box) {
        return box.getValue() == null ? "" : box.getValue();
    }

    private void showHead(AuditHead current) {
        head.removeAll();
        var hash = new Div(current.grouped());
        hash.setId("head-hash");
        hash.getStyle().set("font-family", "monospace").set("font-size", "1.125rem").set("font-weight", "600")
                .set("overflow-wrap", "anywhere");
        var explain = new Paragraph(getTranslation("audit.head.explain"));
        explain.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("margin-top", "0");
        head.add(new Div(getTranslation("audit.head", current.entryCount())), hash, explain);
    }

    private void showCheck(ChainCheck c) {
        result.removeAll();
        result.removeClassNames("chain-ok", "chain-broken");
        if (c.reasonKey().isEmpty()) {
            result.add(new Paragraph(getTranslation("audit.intact", c.entriesChecked())));
        } else {
            String reason = getTranslation(c.reasonKey().get());
            result.add(new Paragraph(c.brokenEntryId().map(id -> getTranslation("audit.brokenAt", id, reason)).orElse(reason)));
        }
        switch (c.anchorFile()) {
            case MISSING -> result.add(warning(getTranslation("audit.anchors.missing", c.anchorFilePath())));
            case UNREADABLE -> result.add(warning(getTranslation("audit.anchors.unreadable", c.anchorFilePath())));
            case PRESENT -> result.add(new Paragraph(c.firstAnchorAt()
                    .map(first -> getTranslation("audit.anchors.checked", c.anchorsChecked(), c.anchorFilePath(),
                            when.format(first)))
                    .orElse(getTranslation("audit.anchors.none", c.anchorFilePath()))));
        }
        if (!c.findings().isEmpty()) {
            result.add(new Paragraph(getTranslation("audit.anchors.broken")));
            var list = new UnorderedList();
            list.setId("anchor-findings");
            c.findings().forEach(f -> list.add(new ListItem(finding(f, c.entriesChecked()))));
            result.add(list);
        }
        result.addClassName(c.isIntact() ? "chain-ok" : "chain-broken");
        showHead(c.head());
    }

    private String finding(AnchorFinding f, long entries) {
        var a = f.anchor();
        String at = when.format(a.at());
        return switch (f.kind()) {
            case MISSING_ENTRIES -> getTranslation(f.messageKey(), a.line(), at, a.entryCount(), entries, f.entriesMissing());
            case REWRITTEN -> getTranslation(f.messageKey(), a.line(), at, a.entryCount(),
                    String.valueOf(f.entryId().orElse(0L)));
            case OLDER_COPY -> getTranslation(f.messageKey(), a.line(), at, a.entryCount());
            case UNREADABLE -> getTranslation(f.messageKey(), a.line());
        };
    }

    private static Paragraph warning(String text) {
        var p = new Paragraph(text);
        p.getStyle().set("color", "var(--lumo-warning-text-color, #8a5a00)");
        return p;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("audit.title");
    }
}
