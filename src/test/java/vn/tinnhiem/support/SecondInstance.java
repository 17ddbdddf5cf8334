package vn.tinnhiem.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import vn.tinnhiem.TinNhiemApplication;

/**
 * A second instance of the application beside the test's own context, as a standby hall server: its own Spring
 * context (its own pool, caches and in-memory state) on the same database through the same URL, with the same
 * keys folder, hence the same token key. Started once per JVM on first use, closed when the JVM ends. Only for an
 * external database (the cluster): two contexts each starting the embedded server would be two databases.
 */
public final class SecondInstance {

    /** What the second instance takes over from the first: the database, its accounts, the keys. */
    private static final List<String> SHARED = List.of("spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "spring.datasource.driver-class-name",
            "spring.datasource.hikari.connection-init-sql", "spring.flyway.url", "spring.flyway.user",
            "spring.flyway.password", "tinnhiem.keys.dir", "tinnhiem.tokens.key-file", "tinnhiem.hall.time-zone");

    private static ConfigurableApplicationContext context;

    private SecondInstance() {
    }

    /** The second instance of the application whose environment is {@code first}'s. */
    public static synchronized ConfigurableApplicationContext of(Environment first) {
        if (context == null) {
            String url = first.getProperty("spring.datasource.url", "");
            if (url.isEmpty()) {
                throw new IllegalStateException("a second instance needs an external database (spring.datasource.url)");
            }
            List<String> args = new ArrayList<>();
            for (String name : SHARED) {
                String value = first.getProperty(name);
                if (value != null) {
                    args.add("--" + name + "=" + value);
                }
            }
            args.add("--spring.profiles.active=test");
            // A whole second instance, its screens on a free port of its own.
            args.add("--server.port=0");
            args.add("--spring.main.banner-mode=off");
            args.add("--logging.level.root=WARN");
            // Vaadin's security set-up installs its own holder strategy in Spring Security's static holder at
            // every start: the first context's checks keep reading the one they were built with, so it is put
            // back (the second instance serves tablets, whose calls need no one signed in).
            SecurityContextHolderStrategy firsts = SecurityContextHolder.getContextHolderStrategy();
            try {
                context = new SpringApplication(TinNhiemApplication.class).run(args.toArray(String[]::new));
            } finally {
                SecurityContextHolder.setContextHolderStrategy(firsts);
            }
            ConfigurableApplicationContext started = context;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return context;
    }
}
