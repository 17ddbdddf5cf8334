package vn.tinnhiem.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The database a test context runs on, chosen by {@code -Dtinnhiem.test.database=galera|embedded} (the pom
 * sets it per surefire execution; none means embedded). On galera the application is pointed at the shared
 * {@link GaleraCluster} as at any external server: {@code spring.datasource.url} with the sequential URL over
 * the three nodes, the application's rows-only account, and the migrations as the schema's owner. The
 * embedded server then never starts ({@code EmbeddedDatabaseConfiguration} stands aside).
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PROPERTY = "tinnhiem.test.database";

    /**
     * Galera in the pom's cluster execution only (the default one, with the browser tests and the tests
     * tagged embedded-server, stays on the embedded server whatever the property says); outside surefire (an
     * IDE) the property alone decides.
     */
    public static boolean galera() {
        String execution = System.getProperty(TestRouting.EXECUTION);
        return "galera".equals(System.getProperty(PROPERTY)) && (execution == null || execution.equals("cluster"));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!galera()) {
            return;
        }
        GaleraCluster cluster = GaleraCluster.shared();
        String database = context.getEnvironment().getProperty("tinnhiem.db.name", "tinnhiem_test");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("galera-cluster", Map.of(
                "spring.datasource.url", cluster.url(database),
                "spring.datasource.username", cluster.appUser(),
                "spring.datasource.password", cluster.appPassword(),
                "spring.flyway.user", cluster.ownerUser(),
                "spring.flyway.password", cluster.ownerPassword())));
    }
}
