package vn.tinnhiem.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.CameraTest;
import vn.tinnhiem.support.FakeCamera;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;

/**
 * The QR scanner every screen that reads a card uses, in Chromium: a card in front of the (fake) camera
 * reaches the server once, a handheld scanner or a person typing reaches it once per Enter or tap, and a
 * browser without a camera, or refused one, says so while typing still works. Against the test-only page
 * {@link QrScannerTestView}, which lists every text the server received.
 */
@IntegrationTest
@Tag("browser")
class QrScannerBrowserTests {

    @LocalServerPort
    int port;

    private String base() {
        return "http://localhost:" + port;
    }

    @CameraTest
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void a_card_held_in_front_of_the_camera_reaches_the_server_once_until_the_scanner_resumes(int width, int height) {
        String card = "TN-" + UUID.randomUUID();
        try (var browser = Browser.withCamera(base(), width, height, FakeCamera.qr(card))) {
            browser.open("/test/qr-scanner");
            waitForCameraReads(browser, 1);
            assertThat(reads(browser)).containsExactly(card);
            assertThat(browser.find("#scanner-camera").getDomAttribute("state")).isEqualTo("running");
            assertThat(browser.pageText()).contains("Đưa mã QR vào trước máy ảnh", "Hoặc gõ mã");
            browser.screenshot(Path.of("target", "screenshots", width + "x" + height, "qr-scanner-camera.png"));
            PhoneLayout.assertFits(browser, "the QR scanner");
            assertButtonInsideScanner(browser);

            // The card stays in front of the camera, read again and again: still one read, 3 s later.
            sleep(Duration.ofSeconds(3));
            assertThat(browser.find("#scanner-camera").getDomAttribute("state")).isEqualTo("running");
            assertThat(reads(browser)).containsExactly(card);

            // Paused: every track of the camera has ended (its light goes off), and nothing is read.
            holdCameraTracks(browser);
            browser.click("#pause");
            waitForCameraState(browser, "paused");
            assertThat(heldTracksEnded(browser)).isTrue();
            sleep(Duration.ofSeconds(1));
            assertThat(reads(browser)).containsExactly(card);

            // Resumed (the next voter, a retry): the same card is a new read.
            browser.click("#resume");
            waitForCameraReads(browser, 2);
            assertThat(reads(browser)).containsExactly(card, card);

            // The camera taken off the page (leaving the screen does the same): its tracks end too.
            holdCameraTracks(browser);
            browser.click("#camera-off");
            assertThat(heldTracksEnded(browser)).isTrue();
            assertThat(browser.findAll("#scanner-camera")).isEmpty();
            assertThat(browser.pageText()).contains("Gõ hoặc quét mã").doesNotContain("Đưa mã QR vào trước máy ảnh");
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void without_a_camera_the_scanner_says_so_and_a_typed_code_is_read_once_per_enter_or_tap(int width, int height) {
        try (var browser = new Browser(base(), width, height)) {
            browser.open("/test/qr-scanner");
            browser.waitForText("#scanner-problem", "Không dùng được máy ảnh: không tìm thấy máy ảnh nào.");
            assertThat(browser.find("#scanner-camera").getDomAttribute("state")).isEqualTo("error");
            assertThat(browser.isShown("#scanner-camera video")).isFalse();
            assertThat(browser.pageText()).doesNotContain("Đưa mã QR vào trước máy ảnh").contains("Gõ hoặc quét mã");
            browser.screenshot(Path.of("target", "screenshots", width + "x" + height, "qr-scanner-no-camera.png"));
            PhoneLayout.assertFits(browser, "the QR scanner without a camera");
            assertButtonInsideScanner(browser);

            // A handheld scanner types the code and Enter: one read, trimmed.
            typeAndPressEnter(browser, "  ABCD-1234 ");
            waitForReads(browser, 1);
            sleep(Duration.ofMillis(800));
            assertThat(reads(browser)).containsExactly("ABCD-1234");
            // The text is left selected, so the next scan replaces it rather than adding to it.
            typeWithoutClearing(browser, "EFGH-5678" + Keys.ENTER);
            waitForReads(browser, 2);
            assertThat(reads(browser)).containsExactly("ABCD-1234", "EFGH-5678");

            // The button reads what is in the field; an empty field reads nothing.
            browser.click("#scanner-submit");
            waitForReads(browser, 3);
            assertThat(reads(browser)).containsExactly("ABCD-1234", "EFGH-5678", "EFGH-5678");
            browser.click("#clear");
            browser.click("#scanner-submit");
            typeAndPressEnter(browser, "   ");
            sleep(Duration.ofMillis(800));
            assertThat(reads(browser)).hasSize(3);

            // A refusal is shown at the field, and the next read takes it away.
            browser.click("#refuse");
            assertThat(browser.find("#scanner-field").getDomAttribute("invalid")).isNotNull();
            browser.waitForText("#scanner-field", "Mã này không dùng được.");
            typeAndPressEnter(browser, "IJKL-9012");
            waitForReads(browser, 4);
            waitUntil("the field's error to go", () -> browser.find("#scanner-field").getDomAttribute("invalid") == null);
        }
    }

    /**
     * Cards whose QR code ZXing's JavaScript port (@zxing/library 0.23.0) could not read from any frame, however
     * still and sharp (a ChecksumException, FormatException or NotFoundException every time), while Java's ZXing
     * reads them: about 8% of random "TN-" + UUID texts. They were the camera tests' flake (docs/performance.md,
     * "Known flaky"). A card shown to the camera is read, whatever its text.
     */
    @CameraTest
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TN-461691d6-0b0b-420c-8dc7-aa4b880f56b6", "TN-c9af0afd-2258-4484-a588-075990ab99b5",
            "TN-c08b512e-22eb-4b60-b48f-6e5af421023c"})
    void a_card_the_old_decoder_could_not_read_is_read(String card) {
        try (var browser = Browser.withCamera(base(), 360, 640, FakeCamera.qr(card))) {
            browser.open("/test/qr-scanner");
            waitForCameraReads(browser, 1);
            assertThat(reads(browser)).containsExactly(card);
        }
    }

    @CameraTest
    @Test
    void two_cards_in_turn_are_read_once_each_not_once_per_appearance() {
        String first = "TN-A-" + UUID.randomUUID();
        String second = "TN-B-" + UUID.randomUUID();
        // Each card one second, in turn, again and again: each comes back after 1 s out of sight.
        Path video = FakeCamera.sequence(List.of(FakeCamera.qrImage(first, 360), FakeCamera.qrImage(second, 360)),
                FakeCamera.FRAMES_PER_SECOND);
        try (var browser = Browser.withCamera(base(), 360, 640, video)) {
            browser.open("/test/qr-scanner");
            waitForCameraReads(browser, 2);
            sleep(Duration.ofSeconds(3));
            assertThat(reads(browser)).containsExactlyInAnyOrder(first, second);
        }
    }

    @CameraTest
    @Test
    void the_browsers_own_barcode_detector_is_used_where_there_is_one() {
        try (var browser = Browser.withCamera(base(), 360, 640, FakeCamera.blank())) {
            // Linux Chromium has none (Android Chrome has): a stand-in that reads a fixed text from any frame.
            browser.beforeEachPage("""
                    window.BarcodeDetector = class {
                        static async getSupportedFormats() { return ['ean_13', 'qr_code']; }
                        constructor(options) { window.tnFormats = options.formats; }
                        async detect(source) { return [{format: 'qr_code', rawValue: 'NATIVE-READ'}]; }
                    };
                    """);
            browser.open("/test/qr-scanner");
            waitForCameraReads(browser, 1);
            assertThat(reads(browser)).containsExactly("NATIVE-READ");
            assertThat(browser.script("return window.tnFormats")).isEqualTo(List.of("qr_code"));
        }
    }

    @Test
    void a_camera_taken_away_while_in_use_is_reported_and_the_field_still_works() {
        try (var browser = Browser.withCamera(base(), 360, 640, FakeCamera.blank())) {
            browser.open("/test/qr-scanner");
            waitForCameraState(browser, "running");
            // What the browser does when another app takes the camera or its cable is pulled.
            browser.script("document.querySelector('#scanner-camera').shadowRoot.querySelector('video').srcObject"
                    + ".getVideoTracks().forEach(t => t.dispatchEvent(new Event('ended')))");
            browser.waitForText("#scanner-problem", "Không dùng được máy ảnh: máy ảnh đang bị một ứng dụng khác dùng.");
            assertThat(browser.find("#scanner-camera").getDomAttribute("state")).isEqualTo("error");
            typeAndPressEnter(browser, "QRST-7890");
            waitForReads(browser, 1);
            assertThat(reads(browser)).containsExactly("QRST-7890");
        }
    }

    @Test
    void a_refused_camera_says_so_and_the_field_still_works() {
        try (var browser = Browser.withCameraRefused(base(), 360, 640)) {
            browser.open("/test/qr-scanner");
            browser.waitForText("#scanner-problem", "Không dùng được máy ảnh: trang chưa được phép dùng máy ảnh.");
            typeAndPressEnter(browser, "MNOP-3456");
            waitForReads(browser, 1);
            assertThat(reads(browser)).containsExactly("MNOP-3456");
        }
    }

    @Test
    void the_kiosk_size_has_48_px_targets_and_18_px_text() {
        try (var browser = new Browser(base(), 360, 640)) {
            browser.open("/test/qr-scanner?kiosk");
            browser.waitForText("#scanner-problem", "Không dùng được máy ảnh");
            assertThat(height(browser, "#scanner-submit")).isGreaterThanOrEqualTo(48);
            assertThat(height(browser, "#scanner-field input")).isGreaterThanOrEqualTo(18);
            assertThat(browser.script("return getComputedStyle(document.querySelector('#scanner-field input')).fontSize"))
                    .isEqualTo("18px");
            assertThat(browser.script("return document.querySelector('#scanner-field').shadowRoot"
                    + ".querySelector('[part~=input-field]').getBoundingClientRect().height")).satisfies(
                            h -> assertThat(((Number) h).doubleValue()).isGreaterThanOrEqualTo(48));
            browser.open("/test/qr-scanner");
            browser.waitForText("#scanner-problem", "Không dùng được máy ảnh");
            assertThat(height(browser, "#scanner-submit")).isGreaterThanOrEqualTo(44).isLessThan(48);
        }
    }

    @Test
    void the_fake_camera_file_holds_jpeg_frames_of_the_size_chromium_plays() throws Exception {
        byte[] file = java.nio.file.Files.readAllBytes(FakeCamera.qr("x"));
        assertThat(file[0] & 0xFF).isEqualTo(0xFF);
        assertThat(file[1] & 0xFF).isEqualTo(0xD8);
        var first = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(file));
        assertThat(first.getWidth()).isEqualTo(FakeCamera.WIDTH);
        assertThat(first.getHeight()).isEqualTo(FakeCamera.HEIGHT);
    }

    /** The button beside the field, not pushed past the scanner's edge (to the phone's very edge, or off it). */
    private static void assertButtonInsideScanner(Browser browser) {
        assertThat(browser.script("""
                const scanner = document.querySelector('#scanner').getBoundingClientRect();
                const button = document.querySelector('#scanner-submit').getBoundingClientRect();
                return button.right <= scanner.right + 0.5 ? 'inside' : 'the button ends at ' + button.right
                    + ' px, the scanner at ' + scanner.right + ' px';
                """)).isEqualTo("inside");
    }

    /** Keeps the camera's current tracks in the page, to look at them after the video lets go of them. */
    private static void holdCameraTracks(Browser browser) {
        browser.script("window.tnTracks = document.querySelector('#scanner-camera').shadowRoot"
                + ".querySelector('video').srcObject.getTracks()");
    }

    private static boolean heldTracksEnded(Browser browser) {
        return Boolean.TRUE.equals(browser.script(
                "return window.tnTracks.length > 0 && window.tnTracks.every(t => t.readyState === 'ended')"));
    }

    private static void typeAndPressEnter(Browser browser, String text) {
        WebElement input = browser.find("#scanner-field input");
        input.clear();
        input.sendKeys(text + Keys.ENTER);
    }

    private static void typeWithoutClearing(Browser browser, String keys) {
        browser.find("#scanner-field input").sendKeys(keys);
    }

    private static double height(Browser browser, String css) {
        return ((Number) browser.script("return arguments[0].getBoundingClientRect().height", browser.find(css)))
                .doubleValue();
    }

    private static List<String> reads(Browser browser) {
        browser.waitForVaadin();
        return browser.findAll("#reads .read").stream().map(WebElement::getText).toList();
    }

    private static void waitForReads(Browser browser, int count) {
        waitUntil(count + " reads", () -> browser.findAll("#reads .read").size() >= count, () -> "the server has "
                + reads(browser) + "; the camera is " + browser.find("#scanner-camera").getDomAttribute("state")
                + "; the page says: " + browser.pageText().replace('\n', ' '));
    }

    /** Reads from the camera: a wait that runs out says what the scanner did (its counters) and what the server got. */
    private static void waitForCameraReads(Browser browser, int count) {
        browser.waitForCameraRead(count + " reads", Duration.ofSeconds(45), () -> browser.findAll("#reads .read").size() >= count);
    }

    private static void waitForCameraState(Browser browser, String state) {
        waitUntil("the camera " + state, () -> state.equals(browser.find("#scanner-camera").getDomAttribute("state")),
                () -> "it is " + browser.find("#scanner-camera").getDomAttribute("state"));
    }

    private static void waitUntil(String what, BooleanSupplier done) {
        waitUntil(what, done, () -> "");
    }

    private static void waitUntil(String what, BooleanSupplier done, java.util.function.Supplier<String> state) {
        long until = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("Waited 45 s for " + what + ": " + state.get());
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
