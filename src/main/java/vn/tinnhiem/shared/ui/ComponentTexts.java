package vn.tinnhiem.shared.ui;

import java.util.Arrays;
import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.upload.UploadI18N;

/**
 * The texts Vaadin's components draw themselves (upload box and its file list, calendar, the date and time
 * fields' spoken names, the password's reveal button, the menu's toggle), from our bundles: left alone they
 * speak English on a Vietnamese screen ("Remove", "Show password", "Toggle navigation panel").
 */
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
        i18n.setFile(new UploadI18N.File().setRemove(ui.getTranslation("upload.remove"))
                .setRetry(ui.getTranslation("upload.retry")).setStart(ui.getTranslation("upload.start")));
        i18n.setUploading(new UploadI18N.Uploading()
                .setStatus(new UploadI18N.Uploading.Status().setConnecting(ui.getTranslation("upload.connecting"))
                        .setStalled(ui.getTranslation("upload.stalled")).setProcessing(ui.getTranslation("upload.processing"))
                        .setHeld(ui.getTranslation("upload.held")))
                .setRemainingTime(new UploadI18N.Uploading.RemainingTime()
                        .setPrefix(ui.getTranslation("upload.remaining")).setUnknown(ui.getTranslation("upload.remainingUnknown")))
                .setError(new UploadI18N.Uploading.Error().setServerUnavailable(ui.getTranslation("upload.serverUnavailable"))
                        .setUnexpectedServerError(ui.getTranslation("upload.serverError"))
                        .setForbidden(ui.getTranslation("upload.forbidden"))
                        .setFileTooLarge(ui.getTranslation("upload.tooBig"))));
        return i18n;
    }

    /** The spoken names of a date-and-time field's two parts, its calendar, and its error for a bad entry. */
    public static void dateTime(DateTimePicker field) {
        UI ui = UI.getCurrent();
        field.setDatePickerI18n(calendar());
        field.setI18n(new DateTimePicker.DateTimePickerI18n().setDateLabel(ui.getTranslation("calendar.dateLabel"))
                .setTimeLabel(ui.getTranslation("calendar.timeLabel"))
                .setBadInputErrorMessage(ui.getTranslation("calendar.badInput"))
                .setIncompleteInputErrorMessage(ui.getTranslation("calendar.incomplete")));
    }

    /** The eye button of a password field: "Hiện mật khẩu", not "Show password". */
    public static void reveal(PasswordField field) {
        field.getElement().executeJs("this.i18n = Object.assign({}, this.i18n, { reveal: $0 });",
                UI.getCurrent().getTranslation("password.reveal"));
    }

    /** The menu drawer's spoken name (the toggle's is set where it is made). */
    public static AppLayout.AppLayoutI18n appLayout() {
        return new AppLayout.AppLayoutI18n().setDrawer(UI.getCurrent().getTranslation("menu.drawer"));
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
