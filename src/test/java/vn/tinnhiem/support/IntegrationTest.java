package vn.tinnhiem.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port against the embedded MariaDB (a real server). One context is
 * shared by every integration and browser test of a run, so the server starts once, and the test
 * database is emptied once at the start of the run ({@link FreshDatabase}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({FreshDatabase.class, TrafficRecorder.class})
public @interface IntegrationTest {
}
