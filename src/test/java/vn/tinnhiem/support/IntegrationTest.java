package vn.tinnhiem.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port against a real MariaDB: the embedded server, or the shared Galera
 * cluster when {@code tinnhiem.test.database=galera} ({@link TestDatabase}; the pom's cluster execution). One
 * context is shared by every test of a surefire execution, so the server starts once, and the test database
 * is emptied once at the start of the run ({@link FreshDatabase}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
@Import({FreshDatabase.class, TrafficRecorder.class, ElectionServices.class})
public @interface IntegrationTest {
}
