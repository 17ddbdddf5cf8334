package vn.tinnhiem.support;

import java.util.Optional;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Which surefire execution runs which test, by name, so that every test runs in exactly one of them, with
 * {@code -Dtest=...} too (surefire's includes and excludes do not apply then). The pom sets
 * {@code tinnhiem.test.execution} per execution and {@code tinnhiem.test.database} (galera by default):
 * <ul>
 * <li>cluster: the integration tests ({@code *IntegrationTests}) except those tagged {@code embedded-server}
 * (they need the embedded server's own bean), and the {@code *ClusterTests}; all on the Galera cluster;
 * <li>any other execution: everything else (unit tests, browser tests, the embedded-server ones) on the
 * embedded server.
 * </ul>
 * With {@code -Dtinnhiem.test.database=embedded} the integration tests run in the default execution on the
 * embedded server and the cluster execution runs nothing: the {@code *ClusterTests}, which need a cluster,
 * then do not run at all (the build says so). Outside surefire (an IDE) nothing is filtered.
 */
public class TestRouting implements PostDiscoveryFilter {

    static final String EXECUTION = "tinnhiem.test.execution";
    static final TestTag EMBEDDED_SERVER = TestTag.create("embedded-server");

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        String execution = System.getProperty(EXECUTION);
        Optional<String> className = className(descriptor);
        if (execution == null || className.isEmpty()) {
            return FilterResult.included("not routed");
        }
        // Whether the integration suite goes to the cluster this run (the property), not whether this execution's
        // context is on it: TestDatabase.galera() is false in the default execution, which would keep the suite there too.
        boolean onCluster = "galera".equals(System.getProperty(TestDatabase.PROPERTY));
        String name = className.get();
        boolean clusterOnly = name.endsWith("ClusterTests");
        boolean clusterSuite = clusterOnly
                || (name.endsWith("IntegrationTests") && !descriptor.getTags().contains(EMBEDDED_SERVER));
        boolean here = execution.equals("cluster") ? onCluster && clusterSuite
                : !clusterOnly && !(onCluster && clusterSuite);
        return FilterResult.includedIf(here, () -> "runs in this execution",
                () -> "runs in the " + (execution.equals("cluster") ? "default" : "cluster") + " execution");
    }

    /** The test's top-level class name (a nested class counts as its enclosing class). */
    private static Optional<String> className(TestDescriptor descriptor) {
        for (Optional<TestDescriptor> at = Optional.of(descriptor); at.isPresent(); at = at.get().getParent()) {
            var source = at.get().getSource();
            if (source.isPresent()) {
                String name = source.get() instanceof MethodSource method ? method.getClassName()
                        : source.get() instanceof ClassSource type ? type.getClassName() : null;
                if (name != null) {
                    return Optional.of(name.contains("$") ? name.substring(0, name.indexOf('$')) : name);
                }
            }
        }
        return Optional.empty();
    }
}
