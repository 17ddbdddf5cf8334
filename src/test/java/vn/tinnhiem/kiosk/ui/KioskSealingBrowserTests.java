package vn.tinnhiem.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;
import static vn.tinnhiem.db.Tables.BALLOT;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotCheck;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.BallotVerifier;
import vn.tinnhiem.crypto.ElectionContext;
import vn.tinnhiem.crypto.Manifest;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.TrafficRecorder;
import vn.tinnhiem.token.TokenService;

/**
 * The ballot sealed in the tablet's page (frontend/tn-ballot.ts with tn-sealer.ts), in real Chromium against the
 * real service and MariaDB: what crosses the wire during a vote (only the scanned code, the sealed ballot and
 * the cast; no mark, no level), the check of a tablet ("Kiểm tra máy": the ballot the server opens is the one
 * marked, the card still votes) and a cheating page caught by it, and the seal's time on a CPU slowed four times.
 */
@IntegrationTest
@Tag("browser")
class KioskSealingBrowserTests {

    private static final List<String> THREE = List.of("HIGH", "MEDIUM", "LOW");
    private static final List<String> LABELS = List.of("Tín nhiệm cao", "Tín nhiệm thấp", "Không tín nhiệm");
    private static final Pattern LEVEL_CODE = Pattern.compile("\\b(HIGH|MEDIUM|LOW|CONFIDENCE|NO_CONFIDENCE)\\b");

    @LocalServerPort
    int port;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    KioskService kiosks;
    @Autowired
    KioskTimeouts timeouts;
    @Autowired
    DSLContext db;

    private String base() {
        return "http://localhost:" + port;
    }

    private VoteConferences conferences() {
        return new VoteConferences(elections, accounts, ceremonies, tokens, kiosks);
    }

    @AfterEach
    void defaultTimeouts() {
        timeouts.reset();
    }

    @Test
    void between_the_ballot_shown_and_the_seal_the_page_sends_nothing_and_only_the_sealed_ballot_and_the_cast_follow()
            throws Exception {
        VoteConferences.Open conference = conferences().open(13, BallotKind.THREE_LEVEL);
        String code = conferences().activated(conference, 1).getFirst();
        List<TrafficRecorder.Exchange> traffic;
        try (var tablet = new Browser(base(), 800, 1280)) {
            conferences().enroll(tablet, conference.id());
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            try (var recording = TrafficRecorder.start()) {
                scan(tablet, code);
                try {
                    tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
                } catch (RuntimeException e) {
                    for (var x : recording.exchanges()) {
                        System.out.println("EXCHANGE " + x.method() + " " + x.path() + "?" + x.query() + "\n  > "
                                + x.request().substring(0, Math.min(600, x.request().length())) + "\n  < "
                                + x.response().substring(0, Math.min(600, x.response().length())));
                    }
                    throw e;
                }
                tablet.waitForVaadin();
                for (int c = 1; c <= 13; c++) {
                    choose(tablet, c, THREE.get(c % 3));
                    if (c == 6) {
                        // Long enough for the heartbeat to come by while the voter marks.
                        Thread.sleep(5500);
                    }
                }
                choose(tablet, 1, THREE.get(1));
                choose(tablet, 1, THREE.get(1));
                tablet.click("#kiosk-review");
                tablet.click("#kiosk-edit");
                choose(tablet, 1, "HIGH");
                tablet.click("#kiosk-review");
                tablet.click("#kiosk-confirm");
                tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
                tablet.click("#kiosk-cast");
                tablet.waitForText("#kiosk-content", "Phiếu của bạn đã được ghi nhận");
                tablet.waitForVaadin();
                traffic = recording.exchanges();
            }
        }
        var json = JsonMapper.builder().build();
        assertThat(traffic).as("no WebSocket: every exchange of the kiosk is an HTTP request and its answer")
                .noneMatch(TrafficRecorder.Exchange::upgrade);
        assertThat(traffic).as("nothing on Vaadin's push channel").noneMatch(e -> e.path().contains("/VAADIN/push"));
        List<TrafficRecorder.Exchange> uidl = traffic.stream().filter(TrafficRecorder.Exchange::isUidl).toList();
        int shown = indexOf(uidl, e -> e.response().contains("tn-ballot"));
        int sealedAt = indexOf(uidl, e -> e.request().contains("tn-sealed"));
        assertThat(shown).as("the answer that shows the ballot").isNotNegative();
        assertThat(sealedAt).as("the request with the sealed ballot").isGreaterThan(shown);

        // What the page sent: each RPC of each request, by kind.
        List<String> polls = new ArrayList<>();
        List<String> between = new ArrayList<>();
        String ballotHex = null;
        String trackingCode = null;
        String manifestHash = null;
        int casts = 0;
        for (int i = 0; i < uidl.size(); i++) {
            JsonNode body = json.readTree(uidl.get(i).request());
            for (JsonNode rpc : body.path("rpc")) {
                String event = rpc.path("event").asString("");
                if ("ui-poll".equals(event)) {
                    polls.add(rpc.toString());
                    continue;
                }
                if (i > shown && i < sealedAt) {
                    between.add(rpc.toString());
                }
                if (i >= sealedAt) {
                    if ("tn-sealed".equals(event)) {
                        assertThat(ballotHex).as("one sealed ballot").isNull();
                        JsonNode data = rpc.path("data");
                        assertThat(data.properties().stream().map(Map.Entry::getKey).toList()).as("what the sealed event carries")
                                .containsExactlyInAnyOrder("event.detail.ballot", "event.detail.trackingCode",
                                        "event.detail.manifestHash");
                        ballotHex = data.path("event.detail.ballot").asString();
                        trackingCode = data.path("event.detail.trackingCode").asString();
                        manifestHash = data.path("event.detail.manifestHash").asString();
                    } else if ("tn-cast".equals(event)) {
                        casts++;
                        assertThat(rpc.path("data").isMissingNode() || rpc.path("data").isEmpty()).as("the cast carries nothing")
                                .isTrue();
                    } else {
                        throw new AssertionError("after the seal the page sent something else: " + rpc);
                    }
                }
            }
        }
        assertThat(between).as("between the ballot shown and the seal the page sends nothing but polls").isEmpty();
        assertThat(polls).as("the heartbeat came by while the voter marked").isNotEmpty();
        assertThat(casts).isEqualTo(1);
        for (int i = 0; i < uidl.size(); i++) {
            String request = uidl.get(i).request();
            assertThat(LEVEL_CODE.matcher(request).find()).as("a level in request %d: %s", i, request).isFalse();
            assertThat(request).doesNotContain("aria-pressed", "kiosk-chosen", "data-level", "Tín nhiệm");
            if (i < shown) {
                assertThat(request).as("the scan").doesNotContain("tn-sealed");
            } else {
                assertThat(request).as("the card's code is sent only at the scan").doesNotContain(code);
            }
            if (i > shown) {
                String response = uidl.get(i).response();
                assertThat(LEVEL_CODE.matcher(response).find()).as("a level in answer %d: %s", i, response).isFalse();
                for (String label : LABELS) {
                    assertThat(response).doesNotContain(label);
                }
            }
        }
        assertThat(uidl.subList(0, shown + 1)).as("the scanned code went to the server")
                .anyMatch(e -> e.request().contains(code));

        // The sealed ballot verifies, for this conference's manifest.
        Manifest manifest;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            manifest = ceremonies.openManifest(conference.id()).orElseThrow();
        }
        assertThat(manifestHash).isEqualTo(manifest.hashHex());
        SealedBallot sealed = SealedBallot.of(HexFormat.of().parseHex(ballotHex));
        BallotCheck check = new BallotVerifier(ElectionContext.of(manifest), new SecureRandom()).verify(sealed);
        assertThat(check.failures()).as("BallotVerifier on the sealed ballot").isEmpty();
        assertThat(check.trackingCode()).isEqualTo(trackingCode);
        assertThat(db.fetchCount(BALLOT, BALLOT.ELECTION_ID.eq(conference.id().value()))).isEqualTo(1);

        long requests = uidl.size();
        System.out.printf("TRAFFIC: %d UIDL exchanges from the scan to done (%d polls), no WebSocket; sealed ballot %d"
                + " bytes (hex %d chars); between the ballot shown and the seal: %d RPCs other than polls%n", requests,
                polls.size(), ballotHex.length() / 2, ballotHex.length(), between.size());
    }

    @Test
    void a_voter_checks_the_tablet_sees_the_ballot_marked_opened_then_votes_and_a_cheating_page_is_caught() throws Exception {
        VoteConferences.Open conference = conferences().open(4, BallotKind.THREE_LEVEL);
        List<String> cards = conferences().activated(conference, 2);
        for (int[] size : new int[][] {{360, 640}, {1280, 800}}) {
            int width = size[0], height = size[1];
            String card = cards.get(width == 360 ? 0 : 1);
            try (var tablet = new Browser(base(), width, height)) {
                conferences().enroll(tablet, conference.id());
                tablet.waitForText("#kiosk-content", "Quét mã phiếu");
                scan(tablet, card);
                tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
                tablet.screenshot(shot(width, height, "kiosk-ballot"));
                // Keyboard only: each choice reached and pressed with the keys, no pointer.
                press(tablet, 1, "HIGH");
                press(tablet, 3, "LOW");
                press(tablet, 4, "MEDIUM");
                assertThat(tablet.find("#kiosk-counter").getText()).isEqualTo("Đã chọn 3/4");
                tablet.find("#kiosk-review").sendKeys(Keys.ENTER);
                tablet.waitForText("#kiosk-content", "Xem lại phiếu");
                assertThat(tablet.find("#kiosk-review-blanks").getText()).contains("Còn 1 người chưa chọn mức");
                tablet.find("#kiosk-confirm").sendKeys(Keys.ENTER);
                tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
                String sealedCode = tablet.find("#kiosk-sealed-code").getAttribute("aria-label");
                assertThat(tablet.find("#kiosk-check-explain").getText()).contains("không được tính", "chọn lại");
                PhoneLayout.assertFits(tablet, "cast or check");
                tablet.screenshot(shot(width, height, "kiosk-cast-or-check"));
                int ballotsBefore = ballots(conference.id().value());
                int checkedBefore = checked(conference.id().value());

                tablet.find("#kiosk-check").sendKeys(Keys.ENTER);
                tablet.waitForText("#kiosk-content", "Lá phiếu đã được mở để kiểm tra");
                assertThat(tablet.find("#kiosk-opened-code").getAttribute("aria-label")).isEqualTo(sealedCode);
                assertThat(openedLevels(tablet, 4)).as("the ballot the server opened").containsExactly("HIGH", "", "LOW",
                        "MEDIUM");
                assertThat(tablet.find("#kiosk-opened-1").getText()).contains(conference.candidates().getFirst(),
                        "Tín nhiệm cao");
                assertThat(tablet.find("#kiosk-opened-2").getText()).contains("Để trống");
                String qr = readQr(tablet, "#kiosk-opened-qr");
                assertThat(qr).as("the QR for the voter's phone").isEqualTo("TN1C " + sealedCode + " HIGH,-,LOW,MEDIUM");
                PhoneLayout.assertFits(tablet, "the opened ballot");
                tablet.screenshot(shot(width, height, "kiosk-opened"));
                assertThat(ballots(conference.id().value())).as("a checked ballot is not cast").isEqualTo(ballotsBefore);
                assertThat(checked(conference.id().value())).as("kept as a checked ballot").isEqualTo(checkedBefore + 1);

                // The card still votes: a fresh ballot, nothing marked.
                tablet.click("#kiosk-again");
                tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
                assertThat(tablet.find("#kiosk-counter").getText()).isEqualTo("Đã chọn 0/4");
                assertThat(tablet.findAll(".kiosk-choice[aria-pressed='true']")).isEmpty();
                for (int c = 1; c <= 4; c++) {
                    choose(tablet, c, "MEDIUM");
                }
                tablet.click("#kiosk-review");
                tablet.click("#kiosk-confirm");
                tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
                tablet.click("#kiosk-cast");
                tablet.waitForText("#kiosk-content", "Phiếu của bạn đã được ghi nhận");
                assertThat(ballots(conference.id().value())).isEqualTo(ballotsBefore + 1);
            }
        }

        // A page that seals something other than what it shows (HIGH sealed as LOW): a check catches it.
        String card = conferences().activated(conference, 1).getFirst();
        try (var tablet = new Browser(base(), 800, 1280)) {
            conferences().enroll(tablet, conference.id());
            tablet.waitForText("#kiosk-content", "Quét mã phiếu");
            scan(tablet, card);
            tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
            tablet.script("""
                    const ballot = document.querySelector('tn-ballot');
                    const honest = ballot.sealer;
                    ballot.sealer = (m, choices, options) => honest(m, choices.map(c => c === 0 ? 2 : c), options);""");
            for (int c = 1; c <= 4; c++) {
                choose(tablet, c, "HIGH");
            }
            tablet.click("#kiosk-review");
            for (int c = 1; c <= 4; c++) {
                assertThat(tablet.find("#kiosk-review-" + c).getText()).as("the page shows what was marked")
                        .contains("Tín nhiệm cao");
            }
            tablet.click("#kiosk-confirm");
            tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
            tablet.click("#kiosk-check");
            tablet.waitForText("#kiosk-content", "Lá phiếu đã được mở để kiểm tra");
            assertThat(openedLevels(tablet, 4)).as("what the cheating page sealed, opened by the server")
                    .containsExactly("LOW", "LOW", "LOW", "LOW").doesNotContain("HIGH");
            assertThat(tablet.find("#kiosk-opened-list").getText()).contains("Tín nhiệm thấp").doesNotContain("Tín nhiệm cao");
            tablet.screenshot(shot(800, 1280, "kiosk-opened-cheating-page"));
        }
    }

    @Test
    void the_seal_on_a_cpu_slowed_four_times_takes_under_three_times_its_target_without_a_long_frozen_frame()
            throws IOException {
        StringBuilder report = new StringBuilder();
        for (int[] run : new int[][] {{13, 300}, {44, 1000}}) {
            int candidates = run[0], target = run[1];
            VoteConferences.Open conference = conferences().open(candidates, BallotKind.THREE_LEVEL);
            String card = conferences().activated(conference, 1).getFirst();
            try (var tablet = new Browser(base(), 800, 1280)) {
                conferences().enroll(tablet, conference.id());
                tablet.waitForText("#kiosk-content", "Quét mã phiếu");
                scan(tablet, card);
                for (int round = 1; round <= 2; round++) {
                    tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
                    for (int c = 1; c <= candidates; c++) {
                        choose(tablet, c, THREE.get(c % 3));
                    }
                    tablet.click("#kiosk-review");
                    tablet.script("""
                            window.tnLong = [];
                            new PerformanceObserver(list => list.getEntries().forEach(e =>
                                window.tnLong.push([e.startTime, e.duration]))).observe({type: 'longtask'});""");
                    var driver = (ChromeDriver) tablet.driver();
                    driver.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", 4));
                    try {
                        tablet.click("#kiosk-confirm");
                        tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
                    } finally {
                        driver.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", 1));
                    }
                    @SuppressWarnings("unchecked")
                    var seal = (Map<String, Object>) tablet.script("""
                            const s = document.querySelector('tn-ballot').lastSeal;
                            const inSeal = window.tnLong.filter(([t, d]) => t + d > s.start && t < s.start + s.ms);
                            return {ms: s.ms, candidates: s.candidates,
                                longest: inSeal.reduce((m, [t, d]) => Math.max(m, d), 0), longTasks: inSeal.length};""");
                    double ms = ((Number) seal.get("ms")).doubleValue();
                    double longest = ((Number) seal.get("longest")).doubleValue();
                    String line = String.format("%d candidates, %s seal on this page: %.0f ms (target %d ms), longest"
                            + " task during the seal %.0f ms (%s long tasks over 50 ms)", candidates,
                            round == 1 ? "first" : "second", ms, target, longest, seal.get("longTasks"));
                    report.append(line).append('\n');
                    System.out.println("SEAL x4 CPU: " + line);
                    assertThat(((Number) seal.get("candidates")).intValue()).isEqualTo(candidates);
                    assertThat(ms).as("the seal of %d candidates, CPU slowed 4x", candidates).isLessThan(3.0 * target);
                    if (round == 1) {
                        // "Kiểm tra máy", then "Bỏ phiếu lại": a second seal on the same page.
                        tablet.click("#kiosk-check");
                        tablet.waitForText("#kiosk-content", "Lá phiếu đã được mở để kiểm tra");
                        tablet.click("#kiosk-again");
                    }
                }
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "kiosk-seal-timing.txt"), report);
    }

    // ---- helpers

    private int ballots(long conference) {
        return db.fetchCount(BALLOT, BALLOT.ELECTION_ID.eq(conference));
    }

    private int checked(long conference) {
        return db.fetchCount(table("checked_ballot"), field("election_id").eq(conference));
    }

    private static int indexOf(List<TrafficRecorder.Exchange> exchanges,
            java.util.function.Predicate<TrafficRecorder.Exchange> what) {
        for (int i = 0; i < exchanges.size(); i++) {
            if (what.test(exchanges.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> openedLevels(Browser tablet, int candidates) {
        List<String> levels = new ArrayList<>();
        for (int c = 1; c <= candidates; c++) {
            levels.add(tablet.find("#kiosk-opened-" + c).getAttribute("data-level"));
        }
        return levels;
    }

    /** Reads the QR on the screen as a phone would: from a picture of it. */
    private static String readQr(Browser tablet, String css) throws Exception {
        var element = tablet.find(css);
        tablet.script("arguments[0].scrollIntoView({block: 'center'})", element);
        new WebDriverWait((WebDriver) tablet.driver(), Duration.ofSeconds(5))
                .until(d -> Boolean.TRUE.equals(tablet.script("return arguments[0].complete && arguments[0].naturalWidth > 0",
                        element)));
        byte[] png = element.getScreenshotAs(OutputType.BYTES);
        var image = ImageIO.read(new ByteArrayInputStream(png));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }

    private static void scan(Browser tablet, String code) {
        tablet.type("#kiosk-scanner-field", code);
        tablet.click("#kiosk-scanner-submit");
    }

    private static void choose(Browser tablet, int order, String level) {
        tablet.click("#kiosk-candidate-" + order + " .kiosk-choice[data-level='" + level + "']");
    }

    /** The choice pressed with the keyboard's Enter (the element focused first, as Tab would). */
    private static void press(Browser tablet, int order, String level) {
        var choice = tablet.find("#kiosk-candidate-" + order + " .kiosk-choice[data-level='" + level + "']");
        choice.sendKeys(Keys.ENTER);
        new WebDriverWait((WebDriver) tablet.driver(), Duration.ofSeconds(5)).until(d -> "true".equals(choice.getAttribute(
                "aria-pressed")));
    }

    private static Path shot(int width, int height, String name) {
        return Path.of("target", "screenshots", width + "x" + height, name + ".png");
    }
}
