package vn.tinnhiem.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test that reads a QR code from Chromium's fake camera ({@link Browser#withCamera}, {@link FakeCamera}),
 * beside its {@code @Test} or {@code @ParameterizedTest}. Surefire runs these in their own execution
 * ({@code camera-tests} in pom.xml, reports in {@code target/surefire-reports-camera}), the only tests run
 * again when they fail: a camera read may be retried, a race elsewhere may not (docs/performance.md,
 * "Known flaky"). A test that only starts the camera, or is refused one, is not a camera test.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Tag(CameraTest.TAG)
public @interface CameraTest {

    String TAG = "camera";
}
