package vn.tinnhiem.kiosk.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.internal.JacksonUtils;


/**
 * The voter's ballot, review and "cast or check" steps: the web component {@code frontend/tn-ballot.ts}, which
 * holds the marks and seals the ballot in the tablet's page ({@code frontend/tn-sealer.ts}). The server gives it
 * the manifest, the texts in the voter's language and the idle timeouts, and hears back only the sealed ballot
 * ({@link #onSealed}), "Bỏ phiếu" ({@link #onCast}), "Kiểm tra máy" with the ballot's opening ({@link #onCheck})
 * and a reset for inactivity ({@link #onReset}). Nothing is sent while the voter marks.
 */
@Tag("tn-ballot")
@JsModule("./tn-ballot.ts")
@NpmPackage(value = "@noble/curves", version = KioskBallot.NOBLE_CURVES)
@NpmPackage(value = "@noble/hashes", version = KioskBallot.NOBLE_HASHES)
final class KioskBallot extends Component {

    /** The versions tn-sealer.ts was written and tested against (its known-answer test). */
    static final String NOBLE_CURVES = "2.4.0";
    static final String NOBLE_HASHES = "2.4.0";

    /** What the page sealed: the ballot's bytes (hex), its tracking code, the manifest hash it was sealed for. */
    record Sealed(String ballotHex, String trackingCode, String manifestHashHex) {}

    /** One level as the voter reads it. */
    record Level(String code, String label) {}

    KioskBallot(String manifestJson, List<Level> levels, Map<String, String> texts, int warningSeconds,
            int resetSeconds) {
        getElement().setProperty("manifest", manifestJson);
        getElement().setPropertyJson("levels", JacksonUtils.listToJson(levels));
        getElement().setPropertyJson("texts", JacksonUtils.mapToJson(new LinkedHashMap<>(texts)));
        getElement().setProperty("warningSeconds", warningSeconds);
        getElement().setProperty("resetSeconds", resetSeconds);
    }

    void onSealed(Consumer<Sealed> listener) {
        getElement().addEventListener("tn-sealed", e -> listener.accept(new Sealed(
                        e.getEventData().get("event.detail.ballot").asString(),
                        e.getEventData().get("event.detail.trackingCode").asString(),
                        e.getEventData().get("event.detail.manifestHash").asString())))
                .addEventData("event.detail.ballot").addEventData("event.detail.trackingCode")
                .addEventData("event.detail.manifestHash");
    }

    void onCast(Runnable listener) {
        getElement().addEventListener("tn-cast", e -> listener.run());
    }

    void onCheck(Consumer<String> listener) {
        getElement().addEventListener("tn-check", e -> listener.accept(e.getEventData().get("event.detail.opening").asString()))
                .addEventData("event.detail.opening");
    }

    void onReset(Runnable listener) {
        getElement().addEventListener("tn-reset", e -> listener.run());
    }

    /** The sealed ballot is committed: the page shows its code with "Bỏ phiếu" and "Kiểm tra máy" (or only the check). */
    void committed(String trackingCode, boolean checkOnly) {
        getElement().callJsFunction("committed", trackingCode, checkOnly);
    }

    /** Nothing was recorded, the card is as it was: the page says so and the tapped button works again. */
    void tryAgain(String text) {
        getElement().callJsFunction("tryAgain", text);
    }
}
