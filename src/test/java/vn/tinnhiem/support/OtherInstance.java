package vn.tinnhiem.support;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import vn.tinnhiem.TinNhiemApplication;

/**
 * Another whole application in the test JVM, beside the shared test context: a standby instance, or a server
 * started on a restored data folder. Profile {@code test}, screens on a free port of its own.
 *
 * <p>Every application's Vaadin security set-up makes its own context holder strategy the JVM's at start; the
 * shared context's checks keep reading the one they were built with, so that one is put back, whether the start
 * succeeded or was refused (otherwise every later {@code Acting.as} in the JVM signs in where nobody looks).
 */
public final class OtherInstance {

    private OtherInstance() {
    }

    @SafeVarargs
    public static ConfigurableApplicationContext start(String[] args,
            ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
        SecurityContextHolderStrategy current = SecurityContextHolder.getContextHolderStrategy();
        try {
            return new SpringApplicationBuilder(TinNhiemApplication.class).profiles("test").initializers(initializers)
                    .run(withFreePort(args));
        } finally {
            SecurityContextHolder.setContextHolderStrategy(current);
        }
    }

    /**
     * Until closed, a sign-in made with {@code Acting.as} reaches {@code instance}'s checks instead of the shared
     * context's: for a test that acts as staff on the other instance.
     */
    public static AutoCloseable signInsReach(ConfigurableApplicationContext instance) {
        SecurityContextHolderStrategy current = SecurityContextHolder.getContextHolderStrategy();
        SecurityContextHolder.setContextHolderStrategy(instance.getBean(SecurityContextHolderStrategy.class));
        return () -> SecurityContextHolder.setContextHolderStrategy(current);
    }

    private static String[] withFreePort(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
