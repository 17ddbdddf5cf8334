package vn.tinnhiem.election.ui;

import java.time.Clock;
import java.time.LocalDate;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;

import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.internal.DemoConference;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.ui.Notifications;

/**
 * "Tạo hội nghị mẫu" asks first, and which shape: the district of the original plan, or a commune
 * People's Council (local government since 1 July 2025). One tap no longer makes a conference.
 */
class DemoDialog extends Dialog {

    DemoDialog(Elections elections, Clock clock) {
        setHeaderTitle(getTranslation("elections.demo"));
        var kind = new RadioButtonGroup<DemoKind>();
        kind.setItems(DemoKind.values());
        kind.setItemLabelGenerator(k -> getTranslation("demoKind." + k.name()));
        kind.setValue(DemoKind.DISTRICT_COMMITTEE);
        kind.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        kind.setId("demo-kind");
        // A second tap must not make a duplicate silently: say how many of this kind exist already.
        var exists = new Paragraph();
        exists.setId("demo-exists");
        Runnable warn = () -> {
            String title = DemoConference.build(kind.getValue(), LocalDate.now(clock)).details().title();
            long existing = elections.list().stream().filter(e -> e.title().equals(title)).count();
            exists.setText(existing > 0 ? getTranslation("elections.demoExists", existing) : "");
            exists.setVisible(existing > 0);
        };
        kind.addValueChangeListener(e -> warn.run());
        warn.run();
        add(new Paragraph(getTranslation("elections.demo.question")), kind, exists);
        var create = new Button(getTranslation("elections.demo.create"), e -> Notifications.attempt(() -> {
            ElectionId id = elections.createDemo(kind.getValue());
            close();
            getUI().ifPresent(ui -> ui.navigate(ElectionView.class, id.value()));
        }));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-demo");
        var cancel = new Button(getTranslation("common.cancel"), e -> close());
        cancel.setId("cancel-demo");
        getFooter().add(cancel, create);
        // Never wider than a phone: a fixed dialog wider than the screen cannot be scrolled back into view.
        setWidth("min(36rem, calc(100vw - 16px))");
    }
}
