package vn.tinnhiem.count.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Cards;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.verify.RecordVerifier;

/**
 * A whole conference in the browser, as the staff and the voters live it: the organiser's key ceremony (three
 * tellers, k = 2, seat 2's card behind a passphrase), the polls opened by the head of the board, ballots cast on
 * a kiosk (one candidate left blank), then the count on a phone: the close, the ballot box check, a wrong card
 * refused, too few cards refused with the reason, the results equal to what was cast, the minutes read back from
 * the PDF, the record verified, the projector and the voter's own tracking check.
 */
@IntegrationTest
@Tag("browser")
class CountBrowserTests {

    private static final String PASSPHRASE = "hoa sen nở giữa hồ 2026";
    private static final Pattern CARD_CODE = Pattern.compile("TN(-[0-9A-Z]{4}){6}-[0-9A-Z]{3}");
    private static final List<String> LEVELS = List.of("HIGH", "MEDIUM", "LOW");
    private static final List<String> CANDIDATES = List.of("Lê Văn Một", "Trần Thị Hai", "Phạm Quốc Ba");
    private static final List<String> TELLERS = List.of("Trần Văn Trưởng", "Nguyễn Thị Hồng Nhung", "Phạm Minh Tuấn");
    /** Per voter, per candidate: the level index marked, or -1 for none (that candidate's ballot is invalid). */
    private static final int[][] MARKS = {{0, 1, 2}, {0, 0, -1}, {1, 2, 2}, {2, 2, 1}};

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    KioskService kiosks;
    @Autowired
    vn.tinnhiem.audit.AuditLog audit;

    @TempDir
    Path dir;

    private final Path shots = Path.of("target", "screenshots", "count", "360x640");

    @Test
    void ceremony_kiosk_votes_close_box_check_unseal_with_k_of_n_and_results_minutes_record_equal_what_was_cast()
            throws Exception {
        long started = System.nanoTime();
        String base = "http://localhost:" + port;
        String organiser = Staff.create(accounts, "count.admin", Role.ADMIN);
        List<String> tellers = new ArrayList<>();
        for (int s = 1; s <= 3; s++) {
            tellers.add(Staff.create(accounts, "count.teller" + s, Role.TELLER));
        }
        String title = Conferences.uniqueTitle("Hội nghị kiểm phiếu");
        ElectionId id;
        try (var admin = Acting.as("organiser", "ADMIN")) {
            id = elections.elections().create(new ElectionDetails(title, "UBND huyện Yên Thành", "Hội trường tầng 2",
                    LocalDateTime.of(2026, 12, 1, 8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
            for (int c = 0; c < CANDIDATES.size(); c++) {
                elections.candidates().addCandidate(id, CANDIDATES.get(c), "Trưởng phòng " + (c + 1));
            }
            for (int v = 1; v <= 6; v++) {
                elections.voterRoll().addVoter(id, new NewVoter("Người ghi phiếu " + v, "Thủ trưởng", "Cơ quan " + v));
            }
            for (int s = 0; s < 3; s++) {
                elections.tallyBoard().addTeller(id, TELLERS.get(s), s == 0);
            }
            elections.tallyBoard().setThreshold(id, 2);
            var seats = elections.tallyBoard().tellers(id);
            for (int s = 0; s < 3; s++) {
                elections.tallyBoard().setSeatAccount(id, seats.get(s).id(), Optional.of(tellers.get(s)));
            }
            elections.lifecycle().moveTo(id, ElectionStatus.READY);
        }
        // Another conference's card, the wrong card a teller might bring.
        ElectionId other = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, Conferences.uniqueTitle("Hội nghị khác"),
                ElectionStatus.READY);
        String otherCard;
        try (var admin = Acting.as("organiser", "ADMIN")) {
            ceremonies.start(other);
            otherCard = Cards.issueToNewTeller(accounts, elections, ceremonies, other, 1);
        }

        // 1. The key ceremony, by the organiser: each card printed (fetched as the browser downloads it) and
        // checked back by typing its code.
        List<String> cards = new ArrayList<>();
        try (var browser = new Browser(base, 360, 640)) {
            Staff.signIn(browser, organiser);
            browser.open("/elections/" + id + "?tab=status");
            browser.click("#go-ceremony");
            browser.waitForPath("/ceremony/" + id);
            browser.click("#ceremony-start");
            browser.click("#confirm-dialog vaadin-button[slot='confirm-button']");
            for (int seat = 1; seat <= 3; seat++) {
                browser.click("#seat-" + seat + "-print");
                // The seat's own teller confirms at the console with their account's password.
                browser.type("#print-holder-password", Staff.PASSWORD);
                if (seat == 2) {
                    browser.click("#print-protect");
                    browser.type("#print-passphrase", PASSPHRASE);
                    browser.type("#print-again", PASSPHRASE);
                }
                browser.click("#print-make");
                browser.find("#print-download");
                Map<String, Object> pdf = fetch(browser, "#print-download");
                assertThat(pdf).containsEntry("status", "200").containsEntry("type", "application/pdf");
                String card = Pdfs.qrText(Base64.getDecoder().decode((String) pdf.get("base64")), 0);
                assertThat(card).startsWith(ShareCards.PREFIX);
                assertThat(ShareCards.needsPassphrase(card)).isEqualTo(seat == 2);
                cards.add(card);
                browser.click("#print-done");
                browser.waitForText("#seat-" + seat + "-state", "Đã in thẻ");
            }
            for (int seat = 1; seat <= 3; seat++) {
                browser.click("#seat-" + seat + "-check");
                if (seat == 2) {
                    browser.type("#check-passphrase", PASSPHRASE);
                }
                browser.type("#check-card-field", cards.get(seat - 1));
                browser.click("#check-card-submit");
                browser.waitForText("#seat-" + seat + "-state", "hợp lệ");
            }
            browser.find("#ceremony-complete");
            browser.screenshot(shots.resolve("01-ceremony-complete.png"));
        }

        // 2. Voters ticked present (5 of 6), the polls opened by the head of the board, the cards handed out.
        try (var head = Acting.as(tellers.getFirst(), "TELLER")) {
            var roll = elections.voterRoll().voters(id);
            for (int v = 0; v < 5; v++) {
                elections.deskPresence().markPresent(id, roll.get(v).id(), true);
            }
        }
        try (var teller = new Browser(base, 360, 640)) {
            Staff.signIn(teller, tellers.getFirst());
            teller.open("/board/" + id);
            teller.click("#to-open");
            // Opening the polls asks first.
            teller.waitForText("#confirm-dialog", "Bắt đầu bỏ phiếu");
            teller.click("#confirm-dialog vaadin-button[slot='confirm-button']");
            teller.waitForText("#board-status", "Đang bỏ phiếu");

            List<String> codes;
            try (var admin = Acting.as("organiser", "ADMIN")) {
                codes = cardCodes(tokens.print(id, 0).pdf());
            }
            assertThat(codes).hasSize(6);
            try (var head = Acting.as(tellers.getFirst(), "TELLER")) {
                for (String code : codes.subList(0, 5)) {
                    tokens.activate(id, code);
                }
            }

            // 3. Four ballots on the kiosk, codes typed; the second voter leaves the third candidate blank.
            List<String> trackingCodes = new ArrayList<>();
            int[][] expected = new int[CANDIDATES.size()][LEVELS.size()];
            try (var tablet = new Browser(base, 800, 1280)) {
                String path;
                try (var admin = Acting.as("organiser", "ADMIN")) {
                    path = kiosks.add("Bàn " + UUID.randomUUID().toString().substring(0, 6), id).path();
                }
                tablet.open(path);
                tablet.waitForPath("/kiosk");
                for (int v = 0; v < MARKS.length; v++) {
                    tablet.waitForText("#kiosk-content", "Quét mã phiếu");
                    tablet.type("#kiosk-scanner-field", codes.get(v));
                    tablet.click("#kiosk-scanner-submit");
                    tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
                    for (int c = 0; c < CANDIDATES.size(); c++) {
                        int level = MARKS[v][c];
                        if (level >= 0) {
                            tablet.click("#kiosk-candidate-" + (c + 1) + " .kiosk-choice[data-level='" + LEVELS.get(level)
                                    + "']");
                            expected[c][level]++;
                        }
                    }
                    tablet.click("#kiosk-review");
                    if (v == 1) {
                        assertThat(tablet.find("#kiosk-review-blanks").getText()).contains("Còn 1 người chưa chọn mức");
                    }
                    tablet.click("#kiosk-confirm");
                    // Sealed in the page and committed: the voter casts it.
                    tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
                    tablet.click("#kiosk-cast");
                    tablet.waitForText("#kiosk-content", "Phiếu của bạn đã được ghi nhận");
                    trackingCodes.add(tablet.find("#kiosk-tracking-code").getAttribute("aria-label"));
                    tablet.click("#kiosk-finish");
                }
            }
            assertThat(trackingCodes).doesNotContainNull().doesNotHaveDuplicates();

            // 4. The count, on a teller's phone.
            try {
                count(teller, id, title, otherCard, cards, expected, trackingCodes);
            } catch (AssertionError | RuntimeException e) {
                failed(teller, id);
                throw e;
            }
        }
        try (var admin = Acting.as("organiser", "ADMIN")) {
            assertThat(elections.elections().find(id).orElseThrow().status()).isEqualTo(ElectionStatus.TALLIED);
            // The record names who held each card: seat 2's teller, not the session it was read in.
            assertThat(audit.newest(300).stream().filter(e -> e.subject().equals("election:" + id))
                    .filter(e -> e.action().equals("count.shareAccepted")).map(e -> e.details()).toList())
                    .containsExactlyInAnyOrder("~1 seat=1 path=HALL holder=" + tellers.get(0),
                            "~1 seat=2 path=HALL holder=" + tellers.get(1));
            assertThat(audit.newest(300).stream().filter(e -> e.subject().equals("election:" + id))
                    .filter(e -> e.action().equals("ceremony.cardIssued")).map(e -> e.details()).toList())
                    .containsExactlyInAnyOrder("~1 seat=1 passphrase=no holder=" + tellers.get(0),
                            "~1 seat=2 passphrase=yes holder=" + tellers.get(1), "~1 seat=3 passphrase=no holder=" + tellers.get(2));
        }
        System.out.printf("CountBrowserTests: the whole conference in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private void count(Browser teller, ElectionId id, String title, String otherCard, List<String> cards, int[][] expected,
            List<String> trackingCodes) throws Exception {
        teller.open("/count/" + id);
        waitText(teller, "#count-status", "Đang bỏ phiếu");
        assertThat(text(teller, "#count-figures")).contains("Có mặt: 5/6");
        phone(teller, "02-count-open.png");
        teller.click("#count-close");
        assertThat(text(teller, "#confirm-dialog") + confirmText(teller))
                .contains("Còn 1 thẻ đã kích hoạt nhưng chưa dùng");
        phone(teller, "03-close-confirm.png");
        teller.click("#confirm-dialog vaadin-button[slot='confirm-button']");
        waitText(teller, "#count-status", "Đã kết thúc");
        assertThat(text(teller, "#count-figures")).contains("Có mặt: 5/6",
                "Phiếu đã phát (thẻ đã kích hoạt): 5 · đã dùng: 4 · chưa dùng: 1 · đã hủy: 0");
        assertThat(text(teller, "#count-quorum")).startsWith("Đủ số lượng");
        assertThat(text(teller, "#count-closing")).contains("Kết thúc bỏ phiếu lúc");
        phone(teller, "04-closed.png");

        // The check runs while the page polls: what the bar and its words said on the way is recorded as it happens.
        teller.script("""
                window.tnProgress = [];
                new MutationObserver(() => {
                  const bar = document.querySelector('#count-progress');
                  const words = document.querySelector('#count-progress-text');
                  if (bar && !bar.hasAttribute('hidden') && words && words.textContent) {
                    const seen = words.textContent;
                    if (window.tnProgress[window.tnProgress.length - 1] !== seen) window.tnProgress.push(seen);
                  }
                }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});""");
        teller.click("#count-check");
        waitText(teller, "#count-box-verdict", "Phiếu trong hộp: 4 · phiếu được tính: 4 · thẻ đã dùng: 4");
        assertThat(String.valueOf(teller.script("return window.tnProgress.join('\\n')")))
                .as("the progress bar and its words, shown while the proofs were checked")
                .contains("Đang đọc hộp phiếu…");
        assertThat(notifications(teller)).contains("Đã kiểm tra xong hộp phiếu.");
        assertThat(text(teller, "#count-difference")).isEqualTo("Số phiếu được tính khớp với số thẻ đã dùng.");
        assertThat(text(teller, "#count-set-aside")).isEmpty();
        assertThat(text(teller, "#count-copies")).isEmpty();
        phone(teller, "05-box-checked.png");

        // Unsealing: another conference's card refused at the field, one good card, too few refused.
        typeCard(teller, otherCard);
        assertThat(fieldError(teller, "#count-card-field")).isEqualTo(
                "Thẻ của hội nghị khác, hoặc của lễ lập khóa trước đã bị hủy.");
        phone(teller, "06-wrong-card.png");
        typeCard(teller, cards.get(0));
        waitText(teller, "#count-seat-1", "Đã nhận (thẻ đọc tại hội trường)");
        waitText(teller, "#count-notice", "Đã nhận thẻ ghế 1");
        // The same card again: refused, and its code does not stay on screen (it is masked, and emptied).
        assertThat(teller.find("#count-card-field").getTagName()).isEqualTo("vaadin-password-field");
        typeCard(teller, cards.get(0));
        assertThat(fieldError(teller, "#count-card-field")).isEqualTo("Thẻ ghế 1 đã được tính rồi: mỗi thẻ chỉ dùng một lần.");
        assertThat(String.valueOf(teller.find("#count-card-field input").getDomProperty("value"))).isEmpty();
        assertThat(teller.pageText()).doesNotContain(cards.get(0).substring(5, 13));
        assertThat(text(teller, "#count-seat-2")).contains("Chưa có");
        teller.click("#count-finish");
        waitText(teller, "#count-finish-error", "Mới có 1 thẻ, cần 2: còn thiếu 1 thẻ để mở niêm phong.");
        assertThat(teller.findAll("#count-results")).isEmpty();
        phone(teller, "07-too-few.png");
        // Seat 2's card without its passphrase is refused at the passphrase; with it, the counts appear.
        typeCard(teller, cards.get(1));
        assertThat(fieldError(teller, "#count-passphrase")).isEqualTo("Thẻ này có mật khẩu: nhập mật khẩu của thẻ.");
        teller.type("#count-passphrase", PASSPHRASE);
        typeCard(teller, cards.get(1));
        // Seat 2's card, read under seat 1's session: counted only once seat 2's teller types their own password.
        waitText(teller, "#count-holder-explain", "Thẻ này là của ghế 2 (Nguyễn Thị Hồng Nhung)");
        assertThat(String.valueOf(teller.find("#count-card-field input").getDomProperty("value")))
                .as("the code leaves the screen while the holder confirms").isEmpty();
        assertThat(teller.findAll("#count-results")).isEmpty();
        phone(teller, "07b-holder.png");
        teller.type("#count-holder-password", Staff.PASSWORD);
        teller.click("#count-holder-confirm");
        waitText(teller, "#count-results", "4. Kết quả");
        waitText(teller, "#count-status", "Đã kiểm phiếu");

        // The results are what was cast: the counts per level, and the blank as an invalid ballot.
        assertThat(text(teller, "#count-results")).contains("Phiếu phát ra: 5 · phiếu thu về: 4");
        // No tablet was checked here: the number is stated all the same, apart from the counts.
        assertThat(text(teller, "#count-results-checked"))
                .isEqualTo("Số phiếu dùng để kiểm tra máy (đã mở, không tính vào kết quả): 0");
        for (int c = 0; c < CANDIDATES.size(); c++) {
            String row = text(teller, "#count-result-" + (c + 1));
            int valid = 0;
            for (int l = 0; l < LEVELS.size(); l++) {
                valid += expected[c][l];
                assertThat(row).as("candidate %d, level %s", c + 1, LEVELS.get(l)).contains(
                        message("level." + LEVELS.get(l)) + " " + expected[c][l] + " (" + percent(expected[c][l], 4)
                                + "%)");
            }
            assertThat(row).contains((c + 1) + ". " + CANDIDATES.get(c),
                    "Hợp lệ: " + valid + " · không hợp lệ: " + (4 - valid));
        }
        assertThat(text(teller, "#count-result-3")).contains("Hợp lệ: 3 · không hợp lệ: 1");
        phone(teller, "08-results.png");
        teller.script("document.querySelector('#count-documents').scrollIntoView({block: 'center'})");
        teller.screenshot(shots.resolve("09-documents.png"));

        // 5. The minutes and the record, as the browser downloads them.
        Map<String, Object> record = fetch(teller, "#count-record");
        assertThat(record).containsEntry("status", "200");
        byte[] recordBytes = Base64.getDecoder().decode((String) record.get("base64"));
        String recordHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(recordBytes));
        var checks = new RecordVerifier().verify(recordBytes);
        assertThat(checks).allSatisfy(check -> assertThat(check.holds()).as(check.name()).isTrue());
        assertThat(RecordVerifier.allHold(checks)).isTrue();

        Map<String, Object> minutes = fetch(teller, "#count-minutes");
        assertThat(minutes).containsEntry("status", "200").containsEntry("type", "application/pdf");
        byte[] minutesPdf = Base64.getDecoder().decode((String) minutes.get("base64"));
        Pdfs.renderPage(minutesPdf, 0, shots.resolve("10-minutes-page1.png"));
        Pdfs.Read read = Pdfs.read(minutesPdf);
        assertThat(read.allFontsEmbedded()).isTrue();
        String minutesText = read.text().replaceAll("\\s+", " ");
        assertThat(minutesText).contains("BIÊN BẢN KIỂM PHIẾU", "MẬT", "Bản số 1/3", "Bản số 3/3", title,
                CANDIDATES.getFirst(), TELLERS.get(0), TELLERS.get(1));
        // The first candidate: 2 high (50,00%), 1 medium (25,00%), 1 low (25,00%).
        assertThat(minutesText).contains("2 (50,00%)", "1 (25,00%)");
        assertThat(read.text().replaceAll("\\s", "").toLowerCase()).as("the record hash printed in the minutes")
                .contains(recordHash);

        // The record uploaded on the public page passes every check there too.
        Path recordFile = dir.resolve("tinnhiem-election-record-" + id + ".json");
        Files.write(recordFile, recordBytes);
        teller.open("/verify");
        teller.upload("#verify-upload", recordFile);
        waitText(teller, "#verify-verdict", "Mọi phép kiểm tra đều đúng.");
        assertThat(teller.findAll(".verify-check[data-holds=false]")).isEmpty();
        phone(teller, "11-verify.png");

        // 6. The tracking page: the code of the voter who left a candidate blank (typed carelessly) is counted.
        teller.open("/tracking/" + id);
        for (String code : trackingCodes) {
            assertThat(text(teller, "#tracking-list")).contains(code);
        }
        teller.type("#tracking-code-field", trackingCodes.get(1).toLowerCase().replace("-", " "));
        teller.click("#tracking-code-submit");
        waitText(teller, "#tracking-result", "Phiếu của bạn có trong hộp phiếu và được tính.");
        phone(teller, "12-tracking.png");

        // The projector: a desktop screen in the hall, every candidate's row.
        ((ChromeDriver) teller.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280,
                "height", 800, "deviceScaleFactor", 1, "mobile", false));
        teller.open("/projector/" + id);
        teller.find("#projector-totals");
        for (int c = 0; c < CANDIDATES.size(); c++) {
            assertThat(text(teller, "#projector-row-" + (c + 1))).contains(CANDIDATES.get(c));
            // The fifth column is the last level's ("Tín nhiệm thấp"): the count and its share.
            assertThat(text(teller, "#projector-row-" + (c + 1) + " td:nth-child(5)"))
                    .isEqualTo(expected[c][2] + " (" + percent(expected[c][2], 4) + "%)");
        }
        teller.screenshot(Path.of("target", "screenshots", "count", "1280x800", "13-projector.png"));
    }

    /** Saves the screen as the phone shows it, then checks that it fits a phone. */
    private void phone(Browser browser, String name) {
        browser.screenshot(shots.resolve(name));
        // Measured from the top: the count screen scrolls inside the app's layout, where what is scrolled past
        // would read as "above the top of the page".
        browser.script("""
                const screen = document.querySelector('#count-screen');
                if (screen) screen.scrollIntoView({block: 'start'});
                window.scrollTo(0, 0);""");
        PhoneLayout.assertFits(browser, name);
    }

    /**
     * What a person reads in the element, scrolled to it: Selenium's getText leaves out whatever is scrolled above
     * the phone's screen, so the text is read as the page lays it out (innerText).
     */
    private static String text(Browser browser, String css) {
        browser.find(css);
        return String.valueOf(browser.script("""
                const e = document.querySelector(arguments[0]);
                e.scrollIntoView({block: 'center'});
                return e.innerText;""", css));
    }

    private static void waitText(Browser browser, String css, String expected) {
        long until = System.currentTimeMillis() + 20_000;
        String seen = "";
        while (System.currentTimeMillis() < until) {
            if (!browser.findAll(css).isEmpty()) {
                seen = text(browser, css);
                if (seen.contains(expected)) {
                    browser.waitForVaadin();
                    return;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Expected “" + expected + "” in " + css + " on " + browser.currentPath() + ", found “"
                + seen + "”");
    }

    private static String notifications(Browser browser) {
        return String.valueOf(browser.script("""
                return Array.from(document.querySelectorAll('vaadin-notification-card')).map(c => c.innerText).join('\\n');"""));
    }

    private static void typeCard(Browser browser, String card) {
        browser.type("#count-card-field", card);
        assertThat(browser.find("#count-card-field input").getDomProperty("value")).as("the code typed").isEqualTo(card);
        browser.click("#count-card-submit");
    }

    /** What went wrong, for the person reading a failed run: the screen and the count's audit entries. */
    private void failed(Browser browser, ElectionId id) {
        browser.screenshot(shots.resolve("failure.png"));
        try (var admin = Acting.as("organiser", "ADMIN")) {
            audit.newest(200).stream().filter(e -> e.subject().equals("election:" + id))
                    .forEach(e -> System.out.println("AUDIT " + e.action() + " " + e.details()));
        }
    }

    private static String fieldError(Browser browser, String css) {
        var field = browser.find(css);
        return field.getAttribute("invalid") == null ? "" : field.getDomProperty("errorMessage");
    }

    /** The confirm dialog's text sits in its overlay. */
    private static String confirmText(Browser browser) {
        return String.valueOf(browser.script("""
                const d = document.querySelector('#confirm-dialog');
                return (d && d.message) || '';"""));
    }

    private static String percent(int count, int of) {
        return new java.math.BigDecimal(count * 100).divide(java.math.BigDecimal.valueOf(of), 2,
                java.math.RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }

    private static String message(String key) {
        var bundle = new java.util.Properties();
        try (var in = CountBrowserTests.class.getResourceAsStream("/i18n/messages.properties")) {
            bundle.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bundle.getProperty(key);
    }

    private static List<String> cardCodes(byte[] pdf) {
        Matcher m = CARD_CODE.matcher(Pdfs.read(pdf).text());
        List<String> codes = new ArrayList<>();
        while (m.find()) {
            codes.add(m.group());
        }
        return codes;
    }

    /** Fetches the link's address with the browser's own session, as a click would: status, type and the bytes. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fetch(Browser browser, String css) {
        return (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0].href, {credentials: 'same-origin'}).then(async r => {
                  const bytes = new Uint8Array(await r.arrayBuffer());
                  let binary = '';
                  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
                  done({status: String(r.status), type: (r.headers.get('content-type') || '').split(';')[0],
                        base64: btoa(binary)});
                }).catch(e => done({error: String(e)}));
                """, browser.find(css));
    }
}
