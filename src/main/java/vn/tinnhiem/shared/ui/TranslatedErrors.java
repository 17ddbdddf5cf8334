package vn.tinnhiem.shared.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import vn.tinnhiem.shared.UserFacingException;

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
            if (cause instanceof UserFacingException refusal) {
                Notifications.refused(refusal);
            } else {
                log.error("Unexpected error on a screen", error.getThrowable());
                Notifications.error(UI.getCurrent().getTranslation("error.unexpected"));
            }
        }));
    }
}
