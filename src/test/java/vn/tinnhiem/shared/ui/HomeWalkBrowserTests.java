package vn.tinnhiem.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.count.PollsClose;
import vn.tinnhiem.count.BoxCheck;
import vn.tinnhiem.count.TotalsUnsealing;
import vn.tinnhiem.count.ShareOutcome;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.DeskPresence;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Supervisors;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.VoterRoll;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Cards;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.BallotForm;
import vn.tinnhiem.voting.CastOutcome;
import vn.tinnhiem.voting.TestTablet;
import vn.tinnhiem.voting.VotingService;

/**
 * One conference walked from DRAFT to TALLIED through the services (the flows themselves have their own tests),
 * and at every stage the homes of the organiser, a teller of its board and its supervisor, each signed in once on
 * a phone and reloading the home: the "Tiếp theo" line says what is true now, never a step already done or no
 * longer allowed, and the card's links open the ceremony, the desk, the count, the minutes and the projector. At
 * the close a teller of the board signs in afresh on the console's screen and finds the count and the projector
 * from the home alone.
 */
@IntegrationTest
@Tag("browser")
class HomeWalkBrowserTests {

    private static final Pattern CARD_CODE = Pattern.compile("TN(-[0-9A-Z]{4}){6}-[0-9A-Z]{3}");

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    Elections elections;
    @Autowired
    Candidates candidates;
    @Autowired
    VoterRoll voterRoll;
    @Autowired
    TallyBoard tallyBoard;
    @Autowired
    Supervisors supervisors;
    @Autowired
    DeskPresence deskPresence;
    @Autowired
    Lifecycle lifecycle;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    KioskService kiosks;
    @Autowired
    VotingService voting;
    @Autowired
    PollsClose pollsClose;
    @Autowired
    BoxCheck boxCheck;
    @Autowired
    TotalsUnsealing totalsUnsealing;

    private ElectionId id;
    private String title;

    @Test
    void each_roles_home_names_the_real_next_step_and_its_links_from_draft_to_the_minutes() {
        String base = "http://localhost:" + port;
        String organiser = Staff.create(accounts, "walk.admin", Role.ADMIN);
        String supervisor = Staff.create(accounts, "walk.super", Role.SUPERVISOR);
        List<String> tellers = new ArrayList<>();
        for (int s = 1; s <= 3; s++) {
            tellers.add(Staff.create(accounts, "walk.teller" + s, Role.TELLER));
        }
        title = Conferences.uniqueTitle("Hội nghị đi trọn đường");
        try (var admin = Acting.as("organiser", "ADMIN")) {
            id = elections.create(new ElectionDetails(title, "UBND xã Phú Lợi", "Hội trường xã",
                    LocalDateTime.of(2026, 12, 1, 8, 0), BallotKind.THREE_LEVEL, RuleSet.QD_96_2023));
            candidates.addCandidate(id, "Lê Văn Một", "Phó Chủ tịch");
            candidates.addCandidate(id, "Trần Thị Hai", "Trưởng phòng");
            for (int v = 1; v <= 3; v++) {
                voterRoll.addVoter(id, new NewVoter("Người ghi phiếu " + v, "Thủ trưởng", "Cơ quan " + v));
            }
            for (int s = 0; s < 3; s++) {
                tallyBoard.addTeller(id, "Thành viên số " + (s + 1), s == 0);
            }
            tallyBoard.setThreshold(id, 2);
            var seats = tallyBoard.tellers(id);
            for (int s = 0; s < 3; s++) {
                tallyBoard.setSeatAccount(id, seats.get(s).id(), Optional.of(tellers.get(s)));
            }
            supervisors.addSupervisor(id, supervisor);
        }

        try (var admin = new Browser(base, 360, 640); var teller = new Browser(base, 360, 640);
                var watcher = new Browser(base, 360, 640)) {
            Staff.signIn(admin, organiser);
            Staff.signIn(teller, tellers.getFirst());
            Staff.signIn(watcher, supervisor);

            // DRAFT: the organiser fixes the lists; the board has nothing here yet; the supervisor waits.
            home(admin, "draft-admin");
            assertThat(next(admin)).contains("Tiếp theo", "chốt danh sách");
            home(teller, "draft-teller");
            assertThat(teller.findAll("#home-card-" + id)).as("a DRAFT is the organiser's alone").isEmpty();
            home(watcher, "draft-supervisor");
            assertThat(next(watcher)).contains("Chưa bỏ phiếu");

            // READY, no key yet: the ceremony, at the organiser's console.
            try (var as = Acting.as("organiser", "ADMIN")) {
                lifecycle.moveTo(id, ElectionStatus.READY);
            }
            home(admin, "ready-admin");
            assertThat(next(admin)).contains("Tiếp theo: lập khóa bầu cử", "2 trong 3 thẻ khóa");
            admin.click("#home-ceremony-" + id);
            admin.waitForPath("/ceremony/" + id);
            home(teller, "ready-teller");
            assertThat(next(teller)).contains("Tiếp theo: lễ lập khóa bầu cử", "mật khẩu của bạn");
            assertThat(links(teller)).containsExactly("/board/" + id, "/desk/" + id);

            // READY, the ceremony complete: never the key again; the cards to print, then the tablets.
            List<String> cards = new ArrayList<>();
            try (var as = Acting.as("organiser", "ADMIN")) {
                ceremonies.start(id);
                for (int seat = 1; seat <= 3; seat++) {
                    cards.add(Cards.issue(ceremonies, id, seat, null));
                }
                for (int seat = 1; seat <= 3; seat++) {
                    ceremonies.checkCard(id, seat, cards.get(seat - 1), null);
                }
            }
            home(admin, "ready-key-admin");
            assertThat(next(admin)).contains("Đã lập khóa bầu cử", "Tiếp theo: in thẻ bỏ phiếu")
                    .doesNotContain("lập khóa bầu cử cùng");
            assertThat(admin.findAll("#home-ceremony-" + id)).isEmpty();
            admin.click("#home-cards-" + id);
            admin.waitForPath("/cards/" + id);
            List<String> codes = printed(3);
            home(admin, "ready-cards-admin");
            assertThat(next(admin)).contains("Tiếp theo: đăng ký máy tính bảng");
            try (var as = Acting.as("organiser", "ADMIN")) {
                kiosks.enroll(kiosks.add("Bàn 1", id).code());
            }
            home(admin, "ready-all-admin");
            assertThat(next(admin)).contains("Đã lập khóa bầu cử, đã in thẻ bỏ phiếu và đăng ký máy tính bảng",
                    "Ban Kiểm phiếu bắt đầu bỏ phiếu");
            home(teller, "ready-key-teller");
            assertThat(next(teller)).contains("Đã lập khóa bầu cử", "bắt đầu bỏ phiếu trên trang Ban Kiểm phiếu")
                    .doesNotContain("lễ lập khóa");
            teller.click("#home-open-" + id);
            teller.waitForPath("/board/" + id);
            teller.find("#to-open");
            home(watcher, "ready-supervisor");
            assertThat(next(watcher)).contains("Chưa bỏ phiếu");

            // OPEN: the desk and, when time is up, the close on the count's page.
            try (var board = Acting.as(tellers.getFirst(), "TELLER")) {
                for (var voter : voterRoll.voters(id)) {
                    deskPresence.markPresent(id, voter.id(), true);
                }
                lifecycle.moveTo(id, ElectionStatus.OPEN);
                for (String code : codes) {
                    tokens.activate(id, code);
                }
            }
            BallotForm form = voting.form(id).orElseThrow();
            for (int v = 0; v < 2; v++) {
                int[] marks = TestTablet.blank(form.candidates().size());
                marks[0] = v;
                marks[1] = 0;
                assertThat(new TestTablet(voting, ceremonies).vote("kiosk-walk", id, codes.get(v), marks))
                        .isInstanceOf(CastOutcome.Recorded.class);
            }
            home(admin, "open-admin");
            assertThat(next(admin)).contains("Đang bỏ phiếu", "Ban Kiểm phiếu kết thúc bỏ phiếu");
            home(teller, "open-teller");
            assertThat(next(teller)).contains("Đang bỏ phiếu", "kết thúc bỏ phiếu trên trang Kiểm phiếu");
            assertThat(links(teller)).containsExactly("/board/" + id, "/desk/" + id, "/count/" + id);
            teller.click("#home-desk-" + id);
            teller.waitForPath("/desk/" + id);
            home(teller, null);
            teller.click("#home-count-" + id);
            teller.waitForPath("/count/" + id);
            teller.find("#count-close");
            home(watcher, "open-supervisor");
            assertThat(next(watcher)).contains("Đang bỏ phiếu");
            watcher.click("#home-supervise-" + id);
            watcher.waitForPath("/supervise/" + id);

            // CLOSED: the box to check, then k of n cards, counted as they come in.
            try (var board = Acting.as(tellers.getFirst(), "TELLER")) {
                pollsClose.close(id);
            }
            home(teller, "closed-teller");
            assertThat(next(teller)).contains("Đã kết thúc bỏ phiếu", "kiểm tra hộp phiếu", "2 trong 3 thẻ khóa");
            assertThat(links(teller)).containsExactly("/board/" + id, "/count/" + id, "/projector/" + id);
            home(admin, "closed-admin");
            assertThat(next(admin)).contains("Ban Kiểm phiếu kiểm tra hộp phiếu");
            a_teller_signed_in_afresh_after_the_close_reaches_the_count_and_the_projector_from_the_home(base,
                    tellers.get(1));
            try (var board = Acting.as(tellers.getFirst(), "TELLER")) {
                boxCheck.checkBox(id, done -> {
                });
                assertThat(totalsUnsealing.unsealWithCard(id, cards.getFirst(), null, null))
                        .isInstanceOf(ShareOutcome.Accepted.class);
            }
            home(teller, "unsealing-teller");
            assertThat(next(teller)).contains("Hộp phiếu đã kiểm tra", "đã nhận 1 trong 2 thẻ khóa cần có");
            home(watcher, "closed-supervisor");
            assertThat(next(watcher)).contains("Đã kết thúc bỏ phiếu");

            // TALLIED: the minutes to print and sign, the projector; never a step back.
            try (var board = Acting.as(tellers.get(2), "TELLER")) {
                var last = totalsUnsealing.unsealWithCard(id, cards.get(2), null, null);
                assertThat(last).isInstanceOfSatisfying(ShareOutcome.Accepted.class, a -> assertThat(a.counted()).isTrue());
            }
            home(teller, "tallied-teller");
            assertThat(next(teller)).contains("Đã kiểm phiếu xong", "in biên bản để Ban Kiểm phiếu ký", "chiếu kết quả");
            assertThat(links(teller)).containsExactly("/board/" + id, "/count/" + id, "/projector/" + id);
            assertMinutes(teller, "#home-minutes-" + id);
            teller.click("#home-count-" + id);
            teller.waitForPath("/count/" + id);
            teller.find("#count-results");
            // The count's sections read 1, 2, 3, 4 once counted, not 1, 2, 4.
            List<String> headings = teller.findAll("#count-screen h2").stream()
                    .map(h -> h.getAttribute("textContent").strip())
                    .filter(h -> h.matches("\\d\\..*")).toList();
            assertThat(headings).extracting(h -> h.substring(0, 2)).containsExactly("1.", "2.", "3.", "4.");
            assertThat(teller.find("#count-unsealed").getText()).contains("Đã mở niêm phong bằng 2 thẻ khóa",
                    "Thành viên số 1", "Thành viên số 3");
            home(teller, null);
            teller.click("#home-projector-" + id);
            teller.waitForPath("/projector/" + id);
            teller.find("#projector-totals");

            home(admin, "tallied-admin");
            assertThat(next(admin)).contains("Đã kiểm phiếu xong", "in biên bản", "In và tải về")
                    .doesNotContain("Dự thảo");
            assertMinutes(admin, "#home-minutes-" + id);
            // The organiser's own way to the documents: the conference's print-and-download menu.
            admin.click("#home-open-" + id);
            admin.waitForPath("/elections/" + id);
            // Counted: the notice no longer suggests taking the conference back to Draft.
            assertThat(admin.find("#locked-notice").getText()).contains("không bao giờ sửa được nữa")
                    .doesNotContain("Dự thảo");
            admin.click("#exports-menu");
            assertThat(admin.find("#exports-menu").getText()).contains("Biên bản kiểm phiếu", "Báo cáo kết quả",
                    "Bảng kết quả", "Hồ sơ bầu cử");
            PhoneLayout.assertFits(admin, "the organiser's print-and-download menu once counted");
            admin.screenshot(shot(360, 640, "home-walk-exports-menu"));
            assertMinutes(admin, "#export-count-minutes-PDF");
            Map<String, Object> xlsx = fetch(admin, "#export-count-xlsx-XLSX");
            assertThat(xlsx).containsEntry("status", "200").containsEntry("type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

            home(watcher, "tallied-supervisor");
            assertThat(next(watcher)).contains("Đã kiểm phiếu xong");
            assertThat(watcher.find("#home-card-" + id).findElements(By.cssSelector("a"))).singleElement()
                    .satisfies(a -> assertThat(a.getAttribute("href")).endsWith("/supervise/" + id));
        }
    }

    /** At the close a teller who was not signed in (a restart, the idle logout) finds the count from the home. */
    private void a_teller_signed_in_afresh_after_the_close_reaches_the_count_and_the_projector_from_the_home(
            String base, String username) {
        try (var fresh = new Browser(base, 1280, 800)) {
            Staff.signIn(fresh, username);
            assertThat(fresh.find("#home-card-" + id).getText()).contains(title, "Đã kết thúc bỏ phiếu");
            assertThat(fresh.pageText()).doesNotContain("Chưa có hội nghị nào");
            fresh.screenshot(shot(1280, 800, "home-walk-closed-teller-afresh"));
            fresh.click("#home-count-" + id);
            fresh.waitForPath("/count/" + id);
            fresh.find("#count-check");
            fresh.open("/");
            fresh.click("#home-projector-" + id);
            fresh.waitForPath("/projector/" + id);
            fresh.find("#projector-waiting");
        }
    }

    /** Opens the home afresh and checks what every home must be: no "later version", no step back to Draft. */
    private void home(Browser browser, String shot) {
        browser.open("/");
        browser.find("#home-conferences");
        String page = browser.pageText();
        assertThat(page).doesNotContain("bản sau", "Đưa về Dự thảo", "Tại hội nghị");
        if (shot != null) {
            PhoneLayout.assertFits(browser, "the home at " + shot);
            // The card itself in the picture, not the greeting above it.
            browser.script("arguments[0].scrollIntoView()", browser.find(browser.findAll("#home-card-" + id).isEmpty()
                    ? "#home-conferences" : "#home-card-" + id));
            browser.screenshot(shot(360, 640, "home-walk-" + shot));
        }
    }

    private String next(Browser browser) {
        return browser.find("#home-next-" + id).getText();
    }

    /** The card's links, as paths: what each opens. */
    private List<String> links(Browser browser) {
        String base = "http://localhost:" + port;
        return browser.find("#home-card-" + id).findElements(By.cssSelector("a")).stream()
                .map(a -> a.getAttribute("href")).filter(h -> h.startsWith(base))
                .map(h -> h.substring(base.length())).filter(h -> !h.startsWith("/VAADIN")).toList();
    }

    private void assertMinutes(Browser browser, String css) {
        Map<String, Object> minutes = fetch(browser, css);
        assertThat(minutes).containsEntry("status", "200").containsEntry("type", "application/pdf");
        String text = Pdfs.read(Base64.getDecoder().decode((String) minutes.get("base64"))).text();
        assertThat(text.replaceAll("\\s+", " ")).contains("BIÊN BẢN KIỂM PHIẾU", title);
    }

    private List<String> printed(int count) {
        List<String> codes = new ArrayList<>();
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            while (codes.size() < count) {
                byte[] pdf = tokens.print(id, Math.min(TokenService.MAX_SPARES, count - codes.size())).pdf();
                try (PDDocument doc = Loader.loadPDF(pdf)) {
                    Matcher m = CARD_CODE.matcher(new PDFTextStripper().getText(doc));
                    while (m.find()) {
                        codes.add(m.group());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return codes.subList(0, count);
    }

    private static Path shot(int width, int height, String name) {
        return Path.of("target", "screenshots", width + "x" + height, name + ".png");
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
