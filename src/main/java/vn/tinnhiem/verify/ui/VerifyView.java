package vn.tinnhiem.verify.ui;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadFormat;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.shared.ui.LanguageSwitch;
import vn.tinnhiem.verify.RecordVerifier;

/**
 * The public check of an election record: anyone, without signing in, uploads the file and sees each check
 * of {@link RecordVerifier} with its mark and reason. Checked in the upload's request (no push in this app): a
 * record of a few hundred ballots takes seconds. The server enforces the size limit, takes one upload at a
 * time and never holds a record whole in memory ({@link RecordUpload}); a file over the limit is refused at
 * the field, by the browser before it is sent and by the server if it is sent anyway.
 */
@Route(value = "verify", autoLayout = false)
@AnonymousAllowed
public class VerifyView extends VerticalLayout implements HasDynamicTitle {

    private final Div report = new Div();
    private final Upload upload = new Upload();
    /** Why the last file was refused, under the upload box (the field), read out by screen readers. */
    private final Div uploadError = new Div();

    public VerifyView() {
        addClassName("verify-view");
        setMaxWidth("60rem");
        getStyle().set("margin", "0 auto");
        report.setId("verify-report");
        report.setWidthFull();

        upload.setUploadHandler(new RecordUpload(new RecordUpload.Listener() {
            @Override
            public void checked(String fileName, long size, String sha256, List<RecordVerifier.Check> checks) {
                uploadError.setVisible(false);
                show(fileName, size, sha256, checks);
                // Ready for the next file: one record at a time, as many as the visitor likes.
                upload.clearFileList();
            }

            @Override
            public void refused(String messageKey, Object... args) {
                report.removeAll();
                showError(getTranslation(messageKey, args));
            }
        }));
        // The file as the request's body, read by the handler itself: no container parses it into parts first.
        upload.setUploadFormat(UploadFormat.RAW);
        upload.setId("verify-upload");
        upload.setMaxFiles(1);
        // The browser refuses a larger file before sending it; the server refuses it anyway.
        upload.setMaxFileSize((int) RecordUpload.MAX_BYTES);
        upload.setI18n(ComponentTexts.upload());
        upload.setAcceptedFileTypes(".json", "application/json");
        upload.setUploadButton(new com.vaadin.flow.component.button.Button(getTranslation("verify.upload")));
        upload.setWidthFull();
        upload.addFileRejectedListener(e -> {
            report.removeAll();
            showError(e.getErrorMessage().equals(getTranslation("upload.tooBig"))
                    ? getTranslation("verify.tooLargeRefused", e.getFileName(), "> " + RecordUpload.MAX_MB,
                            RecordUpload.MAX_MB)
                    : e.getErrorMessage());
        });
        uploadError.setId("verify-upload-error");
        uploadError.addClassName("field-error");
        uploadError.getElement().setAttribute("role", "alert");
        uploadError.setVisible(false);

        add(new LanguageSwitch(), new H1(getTranslation("verify.title")), new Paragraph(getTranslation("verify.intro")),
                new Paragraph(getTranslation("verify.tooLarge", RecordUpload.MAX_MB)), upload, uploadError, report);
    }

    private void showError(String text) {
        uploadError.setText(text);
        uploadError.setVisible(true);
        upload.clearFileList();
    }

    private void show(String fileName, long size, String sha256, List<RecordVerifier.Check> checks) {
        report.removeAll();
        ResourceBundle bundle = RecordVerifier.bundle(Languages.isEnglish(getLocale()) ? Locale.ENGLISH : Locale.ROOT);
        var file = new Paragraph(getTranslation("verify.file", fileName, String.valueOf(size), sha256));
        file.addClassName("verify-file");
        boolean ok = RecordVerifier.allHold(checks);
        var verdict = new Paragraph((ok ? "✔ " : "✘ ") + getTranslation(ok ? "verify.verdict.holds" : "verify.verdict.fails"));
        verdict.setId("verify-verdict");
        verdict.addClassName(ok ? "verify-holds" : "verify-fails");
        report.add(verdict, file);
        for (RecordVerifier.Check c : checks) {
            var mark = new Span((c.holds() ? "✔ " : "✘ ") + getTranslation(c.holds() ? "verify.mark.holds" : "verify.mark.fails"));
            mark.addClassName("verify-mark");
            var title = new Span(c.title(bundle));
            title.addClassName("verify-check-title");
            var head = new Div(mark, title);
            head.addClassName("verify-check-head");
            var detail = new Div(c.detail(bundle));
            detail.addClassName("verify-check-detail");
            var card = new Div(head, detail);
            card.addClassName("verify-check");
            card.addClassName(c.holds() ? "verify-holds" : "verify-fails");
            card.getElement().setAttribute("data-check", c.name());
            card.getElement().setAttribute("data-holds", String.valueOf(c.holds()));
            report.add(card);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("verify.title");
    }
}
