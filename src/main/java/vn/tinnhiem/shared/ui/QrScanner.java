package vn.tinnhiem.shared.ui;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.Autocapitalize;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldBase;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.shared.Registration;

/**
 * Reads a QR code three ways, and hands each read to the listeners as one trimmed, non-empty text: the
 * camera (the web component {@code frontend/tn-qr-scanner.ts}, back camera first), a handheld scanner
 * that types the code and Enter into the field, or a person typing the printed code and pressing Enter
 * or the button.
 *
 * <p>The camera needs a secure context (HTTPS, or localhost). Without a camera, or when the camera is
 * refused, the scanner says why above the field, and the field still works. A card held in front of
 * the camera is read once: the same text is read again only after it has been out of sight for 2 s, or
 * after {@link #resume()}.
 *
 * <p>After {@link #setId(String)}, the parts are {@code #<id>-camera}, {@code #<id>-field} and
 * {@code #<id>-submit}. The texts read may be secrets (a share card): nothing here logs or keeps them, and a
 * scanner made {@link #secret()} masks its field like a password (with the field's own show toggle) and empties
 * it after every refusal, so a share card's code never stays on screen.
 */
@JsModule("./tn-qr-scanner.ts")
@NpmPackage(value = "jsqr", version = "1.4.0")
public class QrScanner extends Composite<Div> {

    /** Camera reads that reached a scanner in this JVM, and the re-sends among them dropped as already heard. */
    private static final java.util.concurrent.atomic.AtomicLong CAMERA_READS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong RESENDS_DROPPED = new java.util.concurrent.atomic.AtomicLong();

    private final List<SerializableConsumer<String>> listeners = new ArrayList<>();
    private final Div hint = new Div();
    private final Element camera = new Element("tn-qr-scanner");
    private final Div cameraProblem = new Div();
    private final TextFieldBase<?, String> field;
    private final boolean secret;
    private final Button submit = new Button();
    private boolean cameraEnabled = true;
    private boolean cameraFailed;
    /** The ids of the camera's last reads that reached the listeners (two cards in turn): re-sends are dropped. */
    private final java.util.ArrayDeque<String> heard = new java.util.ArrayDeque<>();
    private boolean labelFromCaller;

    public QrScanner() {
        this(false);
    }

    /** For a share card's code: the field is masked, with a toggle to show it, and emptied after a refusal. */
    public static QrScanner secret() {
        return new QrScanner(true);
    }

    private QrScanner(boolean secret) {
        this.secret = secret;
        if (secret) {
            var masked = new PasswordField();
            ComponentTexts.reveal(masked);
            masked.setRevealButtonVisible(true);
            // The toggle's name for screen readers, in the screen's language (the component's own is English).
            masked.getElement().executeJs("this.i18n = Object.assign({}, this.i18n || {}, {reveal: $0})",
                    getTranslation("scanner.reveal"));
            field = masked;
        } else {
            field = new TextField();
        }
        Div root = getContent();
        root.addClassName("qr-scanner");
        root.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)")
                .set("width", "100%").set("max-width", "480px");

        hint.setText(getTranslation("scanner.hint"));
        hint.addClassName("qr-scanner-hint");
        cameraProblem.addClassName("qr-scanner-problem");
        cameraProblem.getElement().setAttribute("role", "status");
        cameraProblem.getStyle().set("color", "var(--lumo-error-text-color)");
        cameraProblem.setVisible(false);
        camera.setAttribute("aria-label", getTranslation("scanner.hint"));
        camera.addEventListener("qr-scan", e -> fromCamera(e.getEventData().get("event.detail.text").asString(),
                e.getEventData().get("event.detail.id").asString(), e.getEventData().get("event.detail.resend").asBoolean()))
                .addEventData("event.detail.text").addEventData("event.detail.id").addEventData("event.detail.resend");
        camera.addEventListener("camera-state", e -> cameraState(e.getEventData().get("event.detail.state").asString(),
                e.getEventData().get("event.detail.reason").asString())).addEventData("event.detail.state")
                .addEventData("event.detail.reason");

        field.setWidthFull();
        // A field may shrink below its natural width: on a 360 px phone the button must stay on screen.
        field.getStyle().set("min-width", "0");
        field.setAutocapitalize(Autocapitalize.NONE);
        field.setAutocorrect(false);
        field.getElement().setAttribute("autocomplete", "off");
        field.getElement().setAttribute("spellcheck", "false");
        // The text comes with the key press, so a handheld scanner's Enter never races the field's own sync.
        field.getElement().addEventListener("keydown", e -> fire(e.getEventData().get("element.value").asString()))
                .setFilter("event.key === 'Enter'").addEventData("element.value");
        // After Enter the text stays (to correct a typo) but is selected: the next scan replaces it. A secret
        // stays only until the server answers: accepted or refused, it is emptied.
        if (!secret) {
            field.addAttachListener(e -> field.getElement().executeJs("if (!this.tnSelectsOnEnter) {"
                    + " this.tnSelectsOnEnter = true; this.addEventListener('keydown', e => { if (e.key === 'Enter') {"
                    + " const input = this.inputElement; setTimeout(() => input && input.select()); } }); }"));
        }

        submit.setText(getTranslation("scanner.submit"));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setDisableOnClick(true);
        submit.addClickListener(e -> {
            try {
                fire(field.getValue());
            } finally {
                submit.setEnabled(true);
            }
        });

        var typed = new HorizontalLayout(field, submit);
        typed.setWidthFull();
        typed.setPadding(false);
        typed.setSpacing(true);
        typed.setAlignItems(FlexComponent.Alignment.END);
        typed.setFlexGrow(1, field);

        root.add(hint);
        root.getElement().appendChild(camera);
        root.add(cameraProblem, typed);
        setKioskSize(false);
        updateTexts();
    }

    /**
     * How many camera reads (qr-scan events, re-sends included) every scanner of this JVM received, and how
     * many re-sends it dropped as already heard: set beside the element's own counters when a read never came.
     */
    public static String cameraReadsReceived() {
        return CAMERA_READS.get() + " camera reads received by the server (" + RESENDS_DROPPED.get()
                + " re-sends dropped as already heard)";
    }

    /** Called for every code read: by the camera, by Enter in the field, by the button. */
    public Registration addScanListener(SerializableConsumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Without the camera, only the field is shown (and no camera is asked for). */
    public void setCameraEnabled(boolean enabled) {
        if (enabled == cameraEnabled) {
            return;
        }
        cameraEnabled = enabled;
        // Out of the page, the element stops the camera itself.
        if (enabled) {
            getContent().getElement().insertChild(1, camera);
        } else {
            getContent().getElement().removeChild(camera);
        }
        updateTexts();
    }

    public boolean isCameraEnabled() {
        return cameraEnabled;
    }

    /** Stops the camera (its light goes off) until {@link #resume()}; the field still works. */
    public void pause() {
        camera.setProperty("paused", true);
    }

    /** Starts the camera again; the same card shown again is a new read. */
    public void resume() {
        // The same card shown again after a pause is a new read.
        heard.clear();
        camera.setProperty("heard", "");
        camera.setProperty("paused", false);
    }

    /** The field's label, instead of "Hoặc gõ mã". */
    public void setLabel(String label) {
        labelFromCaller = true;
        field.setLabel(label);
    }

    /** The button's text, instead of "Dùng mã này". */
    public void setSubmitText(String text) {
        submit.setText(text);
    }

    /** Empties the field and removes its error. */
    public void clearField() {
        empty();
        field.setInvalid(false);
        field.setErrorMessage(null);
    }

    /**
     * Shows an error at the field (a code refused); the next read removes it. A secret field is emptied too:
     * the code is typed or scanned again, never left on screen.
     */
    public void showError(String message) {
        if (secret) {
            empty();
        }
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    /** Whether the field is masked (a share card's code). */
    public boolean isSecret() {
        return secret;
    }

    /**
     * Empties the field here and in the browser: a code sent with Enter may not have reached the server's copy
     * of the value yet, and clearing only that copy would leave it on screen.
     */
    private void empty() {
        field.clear();
        field.getElement().executeJs("this.value = ''");
    }

    /** Larger targets and text for the kiosk: 48 px targets and 18 px text, rather than 44 px. */
    public void setKioskSize(boolean kiosk) {
        String size = kiosk ? "48px" : "44px";
        field.getStyle().set("--lumo-text-field-size", size);
        submit.setMinHeight(size);
        submit.setMinWidth(size);
        submit.getStyle().set("height", size);
        for (HasStyle part : List.<HasStyle>of(field, submit, hint, cameraProblem)) {
            if (kiosk) {
                part.getStyle().set("font-size", "18px");
            } else {
                part.getStyle().remove("font-size");
            }
        }
    }

    /** Also names the parts: {@code <id>-camera}, {@code <id>-field}, {@code <id>-submit}. */
    @Override
    public void setId(String id) {
        super.setId(id);
        camera.setAttribute("id", id + "-camera");
        field.setId(id + "-field");
        submit.setId(id + "-submit");
        cameraProblem.setId(id + "-problem");
    }

    private void fire(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return;
        }
        field.setInvalid(false);
        for (var listener : List.copyOf(listeners)) {
            listener.accept(text);
        }
    }

    /**
     * A read from the camera. The element sends a text again, under the same read id, while it stays in sight
     * until the server says it heard that read (the {@code heard} property), so a read lost on its way is not
     * lost for good; a re-send of the read already heard is dropped here, so a held card is still one read.
     * Only the id is kept, never the text (it may be a share card).
     */
    private void fromCamera(String text, String readId, boolean resend) {
        CAMERA_READS.incrementAndGet();
        if (resend && heard.contains(readId)) {
            RESENDS_DROPPED.incrementAndGet();
            return;
        }
        heard.addLast(readId);
        while (heard.size() > 8) {
            heard.removeFirst();
        }
        camera.setProperty("heard", String.join(" ", heard));
        fire(text);
    }

    private void cameraState(String state, String reason) {
        cameraFailed = "error".equals(state);
        if (cameraFailed) {
            String why = switch (reason) {
                case "insecure" -> getTranslation("scanner.camera.insecure");
                case "unsupported" -> getTranslation("scanner.camera.unsupported");
                case "denied" -> getTranslation("scanner.camera.denied");
                case "none" -> getTranslation("scanner.camera.none");
                case "busy" -> getTranslation("scanner.camera.busy");
                default -> getTranslation("scanner.camera.other");
            };
            cameraProblem.setText(getTranslation("scanner.camera.unavailable", why));
        }
        updateTexts();
    }

    private void updateTexts() {
        boolean cameraShown = cameraEnabled && !cameraFailed;
        hint.setVisible(cameraShown);
        cameraProblem.setVisible(cameraEnabled && cameraFailed);
        if (!labelFromCaller) {
            field.setLabel(getTranslation(cameraShown ? "scanner.field" : "scanner.fieldAlone"));
        }
    }
}
