package vn.tinnhiem.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI's rule on surefire's reports ({@code .ci/check-reports}, run by {@code .ci/run} after the tests), on
 * sample reports written the way surefire writes them: only the camera tests (their own reports folder,
 * {@code surefire-reports-camera}) may pass after a failure; a flake anywhere else fails CI and names the
 * test; so does a skipped browser test, or no browser test at all.
 */
class CheckReportsScriptTests {

    private static final String PASSED = """
            <testcase name="%s" classname="%s" time="2.5"/>
            """;
    private static final String FLAKY = """
            <testcase name="%s" classname="%s" time="3.1">
              <flakyFailure message="Expected “Đã chọn 13/13”" type="java.lang.IllegalStateException">
                <stackTrace><![CDATA[java.lang.IllegalStateException: Expected “Đã chọn 13/13”
                    at vn.tinnhiem.support.Browser.waitForText(Browser.java:200)]]></stackTrace>
                <system-out><![CDATA[<testcase name="not_a_test"> in the output is not a test]]></system-out>
              </flakyFailure>
            </testcase>
            """;
    private static final String SKIPPED = """
            <testcase name="%s" classname="%s" time="0">
              <skipped message="Chromium not found"/>
            </testcase>
            """;

    @TempDir
    Path target;

    @Test
    void clean_reports_pass() throws Exception {
        report("surefire-reports", "vn.tinnhiem.account.AccountServiceTests", 0, PASSED, "creates_an_account");
        report("surefire-reports", "vn.tinnhiem.shared.ui.QrScannerBrowserTests", 0, PASSED,
                "a_refused_camera_says_so_and_the_field_still_works");
        report("surefire-reports-camera", "vn.tinnhiem.shared.ui.QrScannerBrowserTests", 0, PASSED,
                "two_cards_in_turn_are_read_once_each_not_once_per_appearance");

        Result result = check();

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("no flaky test outside the camera tests").doesNotContain("FAIL");
    }

    @Test
    void a_flake_outside_the_camera_tests_fails_and_names_the_test() throws Exception {
        report("surefire-reports", "vn.tinnhiem.account.AccountServiceTests", 0, PASSED, "creates_an_account");
        // The same class as a camera test's: only the folder says which execution ran the test.
        report("surefire-reports", "vn.tinnhiem.kiosk.ui.KioskVotingBrowserTests", 0, FLAKY,
                "a_typed_code_votes_a_blank_is_called_out_changing_keeps_the_marks_and_a_double_tap_casts_once");
        report("surefire-reports-camera", "vn.tinnhiem.kiosk.ui.KioskVotingBrowserTests", 0, PASSED,
                "a_voter_shows_the_printed_card_to_the_camera_marks_everyone_confirms_and_no_way_back_shows_the_vote(int, int)[1]");

        Result result = check();

        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("FAIL: flaky outside the camera tests: vn.tinnhiem.kiosk.ui.KioskVotingBrowserTests"
                + ".a_typed_code_votes_a_blank_is_called_out_changing_keeps_the_marks_and_a_double_tap_casts_once")
                .doesNotContain("not_a_test").doesNotContain("creates_an_account");
    }

    @Test
    void a_rerun_error_outside_the_camera_tests_fails_too() throws Exception {
        report("surefire-reports", "vn.tinnhiem.home.HomeBrowserTests", 0, FLAKY.replace("flakyFailure", "rerunError"),
                "the_menu_fits_a_phone");

        Result result = check();

        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("FAIL: flaky outside the camera tests: vn.tinnhiem.home.HomeBrowserTests.the_menu_fits_a_phone");
    }

    @Test
    void a_camera_flake_passes_and_is_listed() throws Exception {
        report("surefire-reports", "vn.tinnhiem.token.ui.DeskBrowserTests", 0, PASSED,
                "the_organiser_may_look_at_the_desk_but_not_act_and_a_closed_desk_says_why");
        report("surefire-reports-camera", "vn.tinnhiem.token.ui.DeskBrowserTests", 0, FLAKY,
                "a_teller_activates_the_card_held_up_to_the_desks_camera");

        Result result = check();

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains(
                "Camera flake (retried, allowed): vn.tinnhiem.token.ui.DeskBrowserTests.a_teller_activates_the_card_held_up_to_the_desks_camera");
    }

    @Test
    void a_skipped_browser_test_fails() throws Exception {
        report("surefire-reports", "vn.tinnhiem.token.ui.DeskBrowserTests", 1, SKIPPED,
                "the_organiser_may_look_at_the_desk_but_not_act_and_a_closed_desk_says_why");

        Result result = check();

        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("TEST-vn.tinnhiem.token.ui.DeskBrowserTests.xml ran 1 browser tests and skipped 1");
    }

    @Test
    void a_skipped_camera_test_fails_too() throws Exception {
        report("surefire-reports", "vn.tinnhiem.token.ui.DeskBrowserTests", 0, PASSED, "a_teller_ticks_a_voter_present");
        report("surefire-reports-camera", "vn.tinnhiem.token.ui.DeskBrowserTests", 1, SKIPPED,
                "a_teller_activates_the_card_held_up_to_the_desks_camera");

        Result result = check();

        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("surefire-reports-camera/TEST-vn.tinnhiem.token.ui.DeskBrowserTests.xml ran 1 browser tests and skipped 1");
    }

    @Test
    void no_browser_test_fails() throws Exception {
        report("surefire-reports", "vn.tinnhiem.account.AccountServiceTests", 0, PASSED, "creates_an_account");

        Result result = check();

        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("FAIL: no browser test ran");
    }

    /** A report of one test case, as surefire writes it (TEST-class.xml, testsuite counts, then the case). */
    private void report(String folder, String className, int skipped, String testcase, String testName) throws IOException {
        Path dir = Files.createDirectories(target.resolve(folder));
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.2.xsd" \
                version="3.0.2" name="%s" time="12.3" tests="1" errors="0" skipped="%d" failures="0">
                  <properties>
                    <property name="java.version" value="25"/>
                  </properties>
                %s</testsuite>
                """.formatted(className, skipped, testcase.formatted(escape(testName), className));
        Files.writeString(dir.resolve("TEST-" + className + ".xml"), xml, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private record Result(int exit, String output) {
    }

    private Result check() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", Path.of(".ci", "check-reports").toAbsolutePath().toString(),
                target.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the script ends").isTrue();
        return new Result(process.exitValue(), output);
    }
}
