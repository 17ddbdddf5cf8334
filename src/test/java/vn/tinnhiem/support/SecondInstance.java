package vn.tinnhiem.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;


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

    private static final Map<String, ConfigurableApplicationContext> RUNNING = new HashMap<>();

    private SecondInstance() {
    }

    /** The second instance of the application whose environment is {@code first}'s, through the same URL. */
    public static ConfigurableApplicationContext of(Environment first) {
        return of(first, first.getProperty("spring.datasource.url", ""));
    }

    /**
     * A second instance through {@code url} instead (e.g. one node of the cluster alone, a writer of its own: the
     * unsupported topology, which the open gate must still keep exact). One per URL, started on first use.
     */
    public static synchronized ConfigurableApplicationContext of(Environment first, String url) {
        if (url.isEmpty()) {
            throw new IllegalStateException("a second instance needs an external database (spring.datasource.url)");
        }
        ConfigurableApplicationContext running = RUNNING.get(url);
        if (running == null) {
            List<String> args = new ArrayList<>();
            for (String name : SHARED) {
                String value = name.equals("spring.datasource.url") ? url : first.getProperty(name);
                if (value != null) {
                    args.add("--" + name + "=" + value);
                }
            }
            args.add("--spring.main.banner-mode=off");
            args.add("--logging.level.root=WARN");
            // It serves tablets, whose calls need no one signed in: the shared context keeps the sign-ins.
            running = OtherInstance.start(args.toArray(String[]::new));
            RUNNING.put(url, running);
            Runtime.getRuntime().addShutdownHook(new Thread(running::close));
        }
        return running;
    }
}
