package vn.tinnhiem.election.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.InMemoryUploadHandler;

import vn.tinnhiem.election.VoterRoll;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RollImportResult;
import vn.tinnhiem.election.RowProblem;
import vn.tinnhiem.election.Voter;
import vn.tinnhiem.election.VoterPage;
import vn.tinnhiem.election.internal.RollImporter;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.Actions;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.shared.ui.Notifications;

/**
 * The voter roll: typed in one by one, or imported whole from CSV or Excel with a row-by-row report.
 * Shown a page at a time as cards, with a search that needs no diacritics: a roll of hundreds stays short.
 */
class RollTab extends VerticalLayout {

    static final int PAGE = 20;

    private final Div report = new Div();
    private final Upload upload;
    private final VoterRoll voterRoll;
    private final ElectionId electionId;
    private final boolean editable;
    private final Runnable changed;
    private final TextField search = new TextField();
    private final Span count = new Span();
    private final Div list = Cards.list("voters");
    private final Button previous = new Button();
    private final Button next = new Button();
    private int offset;

    RollTab(VoterRoll voterRoll, ElectionId electionId, boolean editable, Runnable changed) {
        this.voterRoll = voterRoll;
        this.electionId = electionId;
        this.editable = editable;
        this.changed = changed;
        setPadding(false);
        var name = new TextField(getTranslation("voter.fullName"));
        name.setId("voter-name");
        var title = new TextField(getTranslation("voter.jobTitle"));
        title.setId("voter-title");
        var organisation = new TextField(getTranslation("voter.organisation"));
        organisation.setId("voter-organisation");
        var errors = new FieldErrors().on("voter.error.name", name);
        var add = new Button(getTranslation("voter.add"), e -> {
            if (errors.attempt(() -> voterRoll.addVoter(electionId,
                    new NewVoter(name.getValue(), title.getValue(), organisation.getValue())))) {
                changed.run();
            }
        });
        add.setId("add-voter");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new FormLayout(name, title, organisation, add);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 4));

        // The size limit is enforced on the server too: the browser's limit is only a courtesy.
        var handler = new InMemoryUploadHandler((metadata, data) -> received(metadata.fileName(), data)) {
            @Override
            public long getFileSizeMax() {
                return RollImporter.MAX_BYTES;
            }

            @Override
            public long getRequestSizeMax() {
                return RollImporter.MAX_BYTES + 64 * 1024;
            }
        };
        upload = new Upload(handler);
        upload.setId("roll-upload");
        upload.setMaxFiles(1);
        upload.setI18n(ComponentTexts.upload());
        upload.setMaxFileSize(RollImporter.MAX_BYTES);
        upload.setAcceptedFileTypes(".csv", ".xlsx", ".xls", "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel");
        // A file the browser turns away (type, size) is said beneath the field like any other refusal.
        upload.addFileRejectedListener(e -> refuse(e.getErrorMessage()));
        var uploadHelp = new Paragraph(getTranslation("import.help"));
        report.setId("import-report");
        report.getElement().setAttribute("role", "alert");

        var addBox = new VerticalLayout(form, errors.formError());
        addBox.setPadding(false);
        var importBox = new VerticalLayout(uploadHelp, upload, report);
        importBox.setPadding(false);
        importBox.addComponentAtIndex(1, ExportsMenu.templateLinks());
        addBox.setVisible(editable);
        importBox.setVisible(editable);

        search.setId("voter-search");
        search.setLabel(getTranslation("voter.search"));
        search.setHelperText(getTranslation("voter.searchHelp"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidthFull();
        search.setMaxLength(200);
        search.addValueChangeListener(e -> {
            offset = 0;
            showPage();
        });
        count.setId("voter-count");
        previous.setText(getTranslation("voter.previous"));
        previous.setId("voters-previous");
        previous.addClickListener(e -> {
            offset = Math.max(0, offset - PAGE);
            showPage();
        });
        next.setText(getTranslation("voter.next"));
        next.setId("voters-next");
        next.addClickListener(e -> {
            offset += PAGE;
            showPage();
        });
        var pager = new HorizontalLayout(previous, next);
        pager.setWrap(true);
        // The roll itself before the import: on a phone the list should not sit below a page of help.
        add(addBox, search, count, list, pager, importBox);
        showPage();
    }

    private void showPage() {
        String text = search.getValue();
        VoterPage page = voterRoll.searchVoters(electionId, text, offset, PAGE);
        if (offset > 0 && page.voters().isEmpty() && page.total() > 0) {
            offset = Math.max(0, (page.total() - 1) / PAGE * PAGE);
            page = voterRoll.searchVoters(electionId, text, offset, PAGE);
        }
        int all = text.isBlank() ? page.total() : voterRoll.searchVoters(electionId, "", 0, 1).total();
        String summary = text.isBlank() ? getTranslation("voter.count", all) : getTranslation("voter.found", page.total(), all);
        if (page.total() > PAGE) {
            summary += " " + getTranslation("voter.showing", offset + 1, offset + page.voters().size(), page.total());
        }
        count.setText(summary);
        list.removeAll();
        if (page.voters().isEmpty() && !text.isBlank()) {
            list.add(new Paragraph(getTranslation("voter.none")));
        }
        for (Voter v : page.voters()) {
            String details = String.join(" · ", java.util.stream.Stream.of(v.jobTitle(), v.organisation())
                    .filter(t -> !t.isBlank()).toList());
            list.add(Cards.card(Cards.main(v.ordinal() + ". " + v.fullName()), Cards.details(details),
                    editable ? Actions.rowMenu(new Actions.RowAction("common.remove", () -> confirmRemove(v), () -> { }))
                            : null));
        }
        previous.setVisible(offset > 0);
        next.setVisible(offset + PAGE < page.total());
    }

    private void confirmRemove(Voter v) {
        Confirm.ask(getTranslation("common.remove"), getTranslation("voter.removeConfirm", v.fullName()),
                getTranslation("common.remove"), true, () -> {
                    if (Notifications.attempt(() -> voterRoll.removeVoter(electionId, v.id()))) {
                        changed.run();
                    }
                });
    }

    /**
     * A file arrived. An empty roll takes it at once; a roll that already has voters is replaced only after the
     * organiser says so, naming both counts. Whatever happens, the file leaves the upload's list: a refused file
     * listed with a tick, blocking the next one, says the opposite of what happened.
     */
    private void received(String fileName, byte[] data) {
        upload.clearFileList();
        report.removeAll();
        int existing = voterRoll.searchVoters(electionId, "", 0, 1).total();
        if (existing == 0) {
            importFile(fileName, data);
            return;
        }
        RollImporter.Parsed parsed = RollImporter.parse(fileName, data);
        if (!parsed.problems().isEmpty()) {
            // Refused without a question: the service puts the refusal on the record and lists every bad row.
            importFile(fileName, data);
            return;
        }
        var dialog = Confirm.ask(getTranslation("import.replace.header"),
                getTranslation("import.replace.text", existing, parsed.voters().size(), fileName),
                getTranslation("import.replace.confirm"), true, () -> importFile(fileName, data));
        dialog.setId("import-replace-dialog");
        dialog.addCancelListener(e -> refuse(getTranslation("import.replace.kept", existing)));
    }

    private void importFile(String fileName, byte[] data) {
        try {
            RollImportResult result = voterRoll.importRoll(electionId, fileName, data);
            if (result.succeeded()) {
                Notifications.success(getTranslation(result.summaryKey(), result.imported()));
                changed.run();
            } else {
                showProblems(result);
            }
        } catch (UserFacingException ex) {
            refuse(Notifications.translate(ex.key(), ex.args()));
        }
    }

    private void refuse(String text) {
        report.removeAll();
        report.addClassName("import-report");
        report.add(new Paragraph(text));
    }

    private void showProblems(RollImportResult result) {
        report.removeAll();
        report.addClassName("import-report");
        report.add(new Paragraph(getTranslation("import.refused", result.problems().size())));
        var list = new UnorderedList();
        for (RowProblem p : result.problems()) {
            String text = getTranslation(p.key(), p.args().toArray());
            list.add(new ListItem(p.row() > 0 ? getTranslation("import.row", p.row(), text) : text));
        }
        report.add(list);
    }
}
