package vn.tinnhiem.election.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.InMemoryUploadHandler;

import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RollImportResult;
import vn.tinnhiem.election.RowProblem;
import vn.tinnhiem.election.Voter;
import vn.tinnhiem.election.internal.RollImporter;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.ui.Actions;
import vn.tinnhiem.shared.ui.Cells;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.shared.ui.Notifications;

/** The voter roll: typed in one by one, or imported whole from CSV or Excel with a row-by-row report. */
class RollTab extends VerticalLayout {

    private final Div report = new Div();

    RollTab(ElectionService elections, long electionId, boolean editable, Runnable changed) {
        setPadding(false);
        var name = new TextField(getTranslation("voter.fullName"));
        name.setId("voter-name");
        var title = new TextField(getTranslation("voter.jobTitle"));
        title.setId("voter-title");
        var organisation = new TextField(getTranslation("voter.organisation"));
        organisation.setId("voter-organisation");
        var add = new Button(getTranslation("voter.add"), e -> {
            if (Notifications.attempt(() -> elections.addVoter(electionId,
                    new NewVoter(name.getValue(), title.getValue(), organisation.getValue())))) {
                changed.run();
            }
        });
        add.setId("add-voter");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new FormLayout(name, title, organisation, add);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 4));

        // The size limit is enforced on the server too: the browser's limit is only a courtesy.
        var handler = new InMemoryUploadHandler((metadata, data) -> {
            try {
                RollImportResult result = elections.importRoll(electionId, metadata.fileName(), data);
                if (result.succeeded()) {
                    Notifications.success(getTranslation("import.done", result.imported()));
                    changed.run();
                } else {
                    showProblems(result);
                }
            } catch (UserFacingException ex) {
                Notifications.refused(ex);
            }
        }) {
            @Override
            public long getFileSizeMax() {
                return RollImporter.MAX_BYTES;
            }

            @Override
            public long getRequestSizeMax() {
                return RollImporter.MAX_BYTES + 64 * 1024;
            }
        };
        var upload = new Upload(handler);
        upload.setId("roll-upload");
        upload.setMaxFiles(1);
        upload.setI18n(ComponentTexts.upload());
        upload.setMaxFileSize(RollImporter.MAX_BYTES);
        upload.setAcceptedFileTypes(".csv", ".xlsx", ".xls", "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel");
        var uploadHelp = new Paragraph(getTranslation("import.help"));
        report.setId("import-report");

        var importBox = new VerticalLayout(uploadHelp, upload, report);
        importBox.setPadding(false);
        importBox.addComponentAtIndex(1, ExportsMenu.templateLinks());
        form.setVisible(editable);
        importBox.setVisible(editable);

        var grid = new Grid<Voter>();
        grid.setId("voters");
        grid.addColumn(Voter::ordinal).setHeader(getTranslation("common.ordinal")).setWidth("4em").setFlexGrow(0);
        grid.addColumn(Cells.nameWithDetails(Voter::fullName,
                        v -> String.join(" · ", java.util.stream.Stream.of(v.jobTitle(), v.organisation())
                                .filter(t -> !t.isBlank()).toList())))
                .setHeader(getTranslation("voter.fullName") + " · " + getTranslation("voter.organisation"))
                .setFlexGrow(1);
        if (editable) {
            grid.addComponentColumn(v -> Actions.icon(VaadinIcon.TRASH, "common.remove",
                    () -> elections.removeVoter(electionId, v.id()), changed)).setFlexGrow(0).setAutoWidth(true);
        }
        var voters = elections.voters(electionId);
        grid.setItems(voters);
        grid.setAllRowsVisible(voters.size() <= 60);
        var count = new Span(getTranslation("voter.count", voters.size()));
        count.setId("voter-count");
        add(form, importBox, count, grid);
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
