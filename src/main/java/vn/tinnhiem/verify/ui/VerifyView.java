package vn.tinnhiem.verify.ui;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Semaphore;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.streams.InMemoryUploadHandler;

import vn.tinnhiem.shared.i18n.Languages;
import vn.tinnhiem.shared.ui.ComponentTexts;
import vn.tinnhiem.shared.ui.LanguageSwitch;
import vn.tinnhiem.verify.RecordVerifier;

/**
 * The public check of an election record: anyone, without signing in, uploads the file and sees each check
 * of {@link RecordVerifier} with its mark and reason. Checked in the request (no push in this app): a record
 * of a few hundred ballots takes seconds. One check at a time on the server, so that anonymous uploads
 * cannot pile up records in memory.
 */
@Route(value = "verify", autoLayout = false)
@AnonymousAllowed
public class VerifyView extends VerticalLayout implements HasDynamicTitle {

    /** The largest record the page takes: a conference of 500 ballots of 44 candidates is about 85 MB. */
    static final int MAX_MB = 128;
    private static final Semaphore ONE_AT_A_TIME = new Semaphore(1);

    private final Div report = new Div();
    private final Upload upload = new Upload();

    public VerifyView() {
        addClassName("verify-view");
        setMaxWidth("60rem");
        getStyle().set("margin", "0 auto");
        report.setId("verify-report");
        report.setWidthFull();

        // Called with the session locked, as the other uploads of the app are.
        var handler = new InMemoryUploadHandler((metadata, data) -> {
            show(metadata.fileName(), data);
            // Ready for the next file: one record at a time, as many as the visitor likes.
            upload.clearFileList();
        }) {
            @Override
            public long getFileSizeMax() {
                return MAX_MB * 1024L * 1024L;
            }
        };
        upload.setUploadHandler(handler);
        upload.setId("verify-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_MB * 1024 * 1024);
        upload.setI18n(ComponentTexts.upload());
        upload.setAcceptedFileTypes(".json", "application/json");
        upload.setUploadButton(new com.vaadin.flow.component.button.Button(getTranslation("verify.upload")));
        upload.setWidthFull();

        add(new LanguageSwitch(), new H1(getTranslation("verify.title")), new Paragraph(getTranslation("verify.intro")),
                new Paragraph(getTranslation("verify.tooLarge", MAX_MB)), upload, report);
    }

    private void show(String fileName, byte[] data) {
        report.removeAll();
        if (!ONE_AT_A_TIME.tryAcquire()) {
            var busy = new Paragraph(getTranslation("verify.busy"));
            busy.addClassName("field-error");
            report.add(busy);
            return;
        }
        List<RecordVerifier.Check> checks;
        try {
            checks = new RecordVerifier().verify(data);
        } finally {
            ONE_AT_A_TIME.release();
        }
        ResourceBundle bundle = RecordVerifier.bundle(Languages.isEnglish(getLocale()) ? Locale.ENGLISH : Locale.ROOT);
        var file = new Paragraph(getTranslation("verify.file", fileName, String.valueOf(data.length), sha256(data)));
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

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("verify.title");
    }
}
