package vn.tinnhiem.shared.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.DatabaseBusyException;
import vn.tinnhiem.shared.database.DatabaseFailure;
import vn.tinnhiem.shared.database.DatabaseUnavailableException;

/**
 * An error no screen caught still reaches the user in their language, never as Vaadin's English
 * "Internal error"; the details go to the log (which never holds secrets or vote content).
 */
@Component
class TranslatedErrors implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(TranslatedErrors.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
            Throwable cause = error.getThrowable();
            while (cause.getCause() != null && !(cause instanceof UserFacingException)) {
                cause = cause.getCause();
            }
            if (UI.getCurrent() == null) {
                log.error("Unexpected error outside a screen", error.getThrowable());
                return;
            }
            DatabaseFailure database = DatabaseFailure.of(error.getThrowable());
            if (cause instanceof UserFacingException refusal) {
                Notifications.refused(refusal);
            } else if (database.isDatabase()) {
                // A unit no retry wraps: still the database's words, never "something unexpected".
                log.warn("Database failure on a screen ({}): {}", database, error.getThrowable().toString());
                Notifications.error(UI.getCurrent().getTranslation(database == DatabaseFailure.UNAVAILABLE
                        ? DatabaseUnavailableException.KEY : DatabaseBusyException.KEY));
            } else {
                log.error("Unexpected error on a screen", error.getThrowable());
                Notifications.error(UI.getCurrent().getTranslation("error.unexpected"));
            }
        }));
    }
}
