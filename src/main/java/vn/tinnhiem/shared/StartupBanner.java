package vn.tinnhiem.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where to open the application once it is ready to serve. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            int port = web.getWebServer().getPort();
            var env = event.getApplicationContext().getEnvironment();
            // The hall set-up serves HTTPS only (kiosk-setup/): say so, or the operator opens a dead address.
            boolean https = env.containsProperty("server.ssl.bundle")
                    || env.getProperty("server.ssl.enabled", Boolean.class, false);
            String scheme = https ? "https" : "http";
            log.info("TinNhiem is ready: open {}://localhost:{}/ (on the hall network: {}://this machine's address:{}/)",
                    scheme, port, scheme, port);
        }
    }
}
