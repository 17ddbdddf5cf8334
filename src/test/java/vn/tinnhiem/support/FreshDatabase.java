package vn.tinnhiem.support;

import java.util.concurrent.atomic.AtomicBoolean;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import vn.tinnhiem.shared.database.OneMigrationAtATime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A test run starts from an empty schema although the test server's folder is kept between runs: the
 * first Spring context of the run cleans the test database before migrating it; later contexts share
 * what it left. Cleaning lives here, in the tests only: the application itself never drops anything. It takes
 * the place of the application's own strategy and migrates the same way ({@link OneMigrationAtATime}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class FreshDatabase {

    private static final AtomicBoolean CLEANED = new AtomicBoolean();

    @Bean
    @Primary
    FlywayMigrationStrategy cleanOncePerRunThenMigrate() {
        return flyway -> {
            if (CLEANED.compareAndSet(false, true)) {
                Flyway.configure().configuration(flyway.getConfiguration()).cleanDisabled(false).load().clean();
            }
            OneMigrationAtATime.migrate(flyway);
        };
    }
}
