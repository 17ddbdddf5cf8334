package vn.tinnhiem.shared.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * A page for the scanner's browser tests only (it lives in the test sources, so the application has no
 * such route): the scanner, every text it hands over (one line each, in order), and buttons for what a
 * screen using it would do. {@code ?kiosk} shows the kiosk's size.
 */
@Route(value = "test/qr-scanner", autoLayout = false)
@AnonymousAllowed
public class QrScannerTestView extends VerticalLayout implements BeforeEnterObserver {

    private final QrScanner scanner = new QrScanner();

    public QrScannerTestView() {
        scanner.setId("scanner");
        var reads = new Div();
        reads.setId("reads");
        scanner.addScanListener(text -> {
            var line = new Div(text);
            line.addClassName("read");
            reads.add(line);
        });
        var actions = new HorizontalLayout(
                button("pause", scanner::pause),
                button("resume", scanner::resume),
                button("camera-off", () -> scanner.setCameraEnabled(false)),
                button("refuse", () -> scanner.showError("Mã này không dùng được.")),
                button("clear", scanner::clearField));
        actions.setWrap(true);
        add(scanner, reads, actions);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        scanner.setKioskSize(event.getLocation().getQueryParameters().getParameters().containsKey("kiosk"));
    }

    private static Button button(String id, Runnable action) {
        var button = new Button(id, e -> action.run());
        button.setId(id);
        return button;
    }
}
