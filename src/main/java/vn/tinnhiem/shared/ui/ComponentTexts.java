package vn.tinnhiem.shared.ui;

import java.util.Arrays;
import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.upload.UploadI18N;

/** The texts Vaadin's components draw themselves (upload box, calendar), from our bundles. */
public final class ComponentTexts {

    private ComponentTexts() {
    }

    public static UploadI18N upload() {
        UI ui = UI.getCurrent();
        var i18n = new UploadI18N();
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne(ui.getTranslation("upload.drop"))
                .setMany(ui.getTranslation("upload.drop")));
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne(ui.getTranslation("upload.add"))
                .setMany(ui.getTranslation("upload.add")));
        i18n.setError(new UploadI18N.Error().setTooManyFiles(ui.getTranslation("upload.tooMany"))
                .setFileIsTooBig(ui.getTranslation("upload.tooBig"))
                .setIncorrectFileType(ui.getTranslation("upload.wrongType")));
        return i18n;
    }

    public static DatePicker.DatePickerI18n calendar() {
        UI ui = UI.getCurrent();
        return new DatePicker.DatePickerI18n()
                .setMonthNames(list(ui.getTranslation("calendar.months")))
                .setWeekdays(list(ui.getTranslation("calendar.weekdays")))
                .setWeekdaysShort(list(ui.getTranslation("calendar.weekdaysShort")))
                .setFirstDayOfWeek(1)
                .setDateFormat("dd/MM/yyyy")
                .setToday(ui.getTranslation("calendar.today"))
                .setCancel(ui.getTranslation("common.cancel"));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).toList();
    }
}
