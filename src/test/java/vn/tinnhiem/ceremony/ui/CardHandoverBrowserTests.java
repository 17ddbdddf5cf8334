package vn.tinnhiem.ceremony.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditEntry;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.ceremony.CeremonyStage;
import vn.tinnhiem.ceremony.ShareCardText;
import vn.tinnhiem.crypto.ShareCards;
import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Conferences;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.Pdfs;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;

/**
 * The card goes to the person in the seat, as a new organiser would try it on a phone-sized console: alone they
 * take nothing (no password, or their own, is refused at the field); the seat's teller types their own password
 * and gets the card; a card dialog closed before its PDF was downloaded asks first, and that seat alone is
 * printed again. Then the code typed back is handled like a password: masked with a show toggle, never echoed,
 * emptied after a refusal that names the group to look at.
 */
@IntegrationTest
@Tag("browser")
class CardHandoverBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    AuditLog audit;

    private final Path shots = Path.of("target", "screenshots", "handover", "360x640");

    @Test
    void only_the_seats_teller_takes_its_card_an_untaken_card_is_asked_about_and_printed_again_and_codes_stay_masked() {
        String organiser = Staff.create(accounts, "handover.admin", Role.ADMIN);
        ElectionId id = Conferences.demo(elections, DemoKind.COMMUNE_COUNCIL, Conferences.uniqueTitle("Giao thẻ đúng người"),
                ElectionStatus.DRAFT);
        List<String> tellers = new ArrayList<>();
        try (var admin = Acting.as("organiser", "ADMIN")) {
            while (elections.tallyBoard().tellers(id).size() > 3) {
                elections.tallyBoard().removeTeller(id, elections.tallyBoard().tellers(id).getLast().id());
            }
            elections.tallyBoard().setThreshold(id, 2);
            for (var seat : elections.tallyBoard().tellers(id)) {
                String username = Staff.create(accounts, "handover.teller" + seat.seat(), Role.TELLER);
                tellers.add(username);
                elections.tallyBoard().setSeatAccount(id, seat.id(), Optional.of(username));
            }
            elections.lifecycle().moveTo(id, ElectionStatus.READY);
        }
        String seat1Name;
        try (var admin = Acting.as("organiser", "ADMIN")) {
            seat1Name = elections.tallyBoard().tellers(id).getFirst().fullName();
        }
        List<String> cards = new ArrayList<>(List.of("", "", ""));
        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            Staff.signIn(browser, organiser);
            browser.open("/ceremony/" + id);
            browser.click("#ceremony-start");
            browser.click("#confirm-dialog vaadin-button[slot='confirm-button']");
            browser.waitForText("#seat-1-state", "Chưa in thẻ");

            // The organiser alone: no password, then their own, each refused at the field; nothing handed over.
            browser.click("#seat-1-print");
            assertThat(browser.find("#print-holder-heading").getText()).isEqualTo("Xác nhận người nhận thẻ");
            assertThat(browser.find("#print-holder-explain").getText()).contains(seat1Name, tellers.get(0));
            browser.click("#print-make");
            assertThat(fieldError(browser, "#print-holder-password")).contains("chỉ giao cho " + seat1Name);
            fits(browser, "print dialog, refused");
            browser.screenshot(shots.resolve("01-organiser-alone-refused.png"));
            browser.type("#print-holder-password", "mat-khau-cua-nguoi-to-chuc");
            browser.click("#print-make");
            assertThat(fieldError(browser, "#print-holder-password")).startsWith("Mật khẩu không đúng");
            assertThat(browser.find("#print-holder-password input").getDomProperty("value")).isEmpty();
            assertThat(browser.findAll("#print-download")).isEmpty();
            browser.click("#print-cancel");
            browser.waitForText("#seat-1-state", "Chưa in thẻ");

            // The seat's teller types their own password: the card is made. Esc before the download asks first.
            browser.click("#seat-1-print");
            browser.type("#print-holder-password", Staff.PASSWORD);
            browser.click("#print-make");
            browser.find("#print-download");
            new Actions((WebDriver) browser.driver()).sendKeys(Keys.ESCAPE).perform();
            browser.waitForVaadin();
            assertThat(confirmText(browser)).contains("Thẻ chưa được tải về");
            browser.screenshot(shots.resolve("02-close-before-download.png"));
            browser.click("#print-close-confirm vaadin-button[slot='cancel-button']");
            assertThat(browser.isShown("#print-download")).as("back to the card").isTrue();
            // "Done" without the download asks too; closing then destroys that card and reopens the seat.
            browser.click("#print-done");
            assertThat(confirmText(browser)).contains("ghế 1");
            browser.click("#print-close-confirm vaadin-button[slot='confirm-button']");
            browser.waitForText("#seat-1-state", "Chưa in thẻ");
            assertThat(notifications(browser)).contains("có thể in lại cho ghế này");
            browser.find("#seat-1-print");

            // Seat 2 takes theirs; seat 1 is printed again; seat 3 last. No confirm once the card was downloaded.
            for (int seat : new int[] {2, 1, 3}) {
                browser.click("#seat-" + seat + "-print");
                browser.type("#print-holder-password", Staff.PASSWORD);
                browser.click("#print-make");
                Map<String, Object> pdf = fetch(browser, "#print-download");
                assertThat(pdf).containsEntry("status", "200");
                cards.set(seat - 1, Pdfs.qrText(Base64.getDecoder().decode((String) pdf.get("base64")), 0));
                if (seat == 1) {
                    browser.screenshot(shots.resolve("03-printed-again.png"));
                }
                browser.click("#print-done");
                assertThat(browser.findAll("#print-close-confirm")).isEmpty();
                browser.waitForText("#seat-" + seat + "-state", "Đã in thẻ");
            }
            browser.script("document.querySelector('#ceremony-stage').scrollIntoView({block: 'center'})");
            browser.waitForText("#ceremony-stage", "Đang kiểm tra thẻ");

            // The code typed back: masked, with a toggle to show it.
            browser.click("#seat-1-check");
            assertThat(browser.find("#check-card-field").getTagName()).isEqualTo("vaadin-password-field");
            String code = cards.get(0);
            String body = code.substring(ShareCards.PREFIX.length());
            int at = 6 * 4 + 1; // in group 7
            String slip = ShareCards.PREFIX + body.substring(0, at) + (body.charAt(at) == 'Q' ? 'R' : 'Q')
                    + body.substring(at + 1);
            browser.type("#check-card-field", ShareCardText.grouped(slip));
            assertThat(browser.find("#check-card-field input").getDomProperty("type")).isEqualTo("password");
            browser.click("#check-card-field vaadin-password-field-button");
            assertThat(browser.find("#check-card-field input").getDomProperty("type")).isEqualTo("text");
            browser.screenshot(shots.resolve("04-code-shown.png"));
            browser.click("#check-card-field vaadin-password-field-button");
            assertThat(browser.find("#check-card-field input").getDomProperty("type")).isEqualTo("password");
            browser.click("#check-card-submit");
            // Refused: the group to look at is named, the field is emptied, and no part of the code is echoed.
            assertThat(fieldError(browser, "#check-card-field")).isEqualTo(
                    "Có vẻ gõ nhầm ở nhóm thứ 7: so lại nhóm này với thẻ.");
            assertThat(browser.find("#check-card-field input").getDomProperty("value")).isEmpty();
            String seen = browser.pageText() + notifications(browser);
            for (int g = 0; g + 4 <= body.length(); g += 4) {
                assertThat(seen).as("group %d of the code on screen", g / 4 + 1).doesNotContain(body.substring(g, g + 4));
            }
            fits(browser, "check dialog, refused");
            browser.screenshot(shots.resolve("05-typo-group-named.png"));
            // A group typed one character short: that group is named.
            String[] groups = ShareCardText.grouped(code).substring(ShareCards.PREFIX.length()).strip().split(" ");
            groups[2] = groups[2].substring(0, 3);
            browser.type("#check-card-field", String.join(" ", groups));
            browser.click("#check-card-submit");
            assertThat(fieldError(browser, "#check-card-field")).isEqualTo(
                    "Nhóm thứ 3 có 3 ký tự, trên thẻ có 4: so lại nhóm này với thẻ.");
            assertThat(browser.find("#check-card-field input").getDomProperty("value")).isEmpty();
            browser.type("#check-card-field", ShareCardText.grouped(code));
            browser.click("#check-card-submit");
            browser.waitForText("#seat-1-state", "hợp lệ");
            for (int seat = 2; seat <= 3; seat++) {
                browser.click("#seat-" + seat + "-check");
                browser.type("#check-card-field", cards.get(seat - 1));
                browser.click("#check-card-submit");
                browser.waitForText("#seat-" + seat + "-state", "hợp lệ");
            }
            browser.find("#ceremony-complete");
        }
        try (var admin = Acting.as("organiser", "ADMIN")) {
            assertThat(ceremonies.status(id).stage()).isEqualTo(CeremonyStage.COMPLETE);
            List<AuditEntry> log = audit.newest(300).stream().filter(e -> e.subject().equals("election:" + id)).toList();
            assertThat(log).filteredOn(e -> e.action().equals("ceremony.holderRefused")).extracting(AuditEntry::details)
                    .containsExactlyInAnyOrder("~1 seat=1 holder=" + tellers.get(0) + " reason=holder.error.passwordNeeded",
                            "~1 seat=1 holder=" + tellers.get(0) + " reason=holder.error.WRONG");
            assertThat(log).filteredOn(e -> e.action().equals("ceremony.cardWithdrawn")).extracting(AuditEntry::details)
                    .containsExactly("~1 seat=1");
            assertThat(log).filteredOn(e -> e.action().equals("ceremony.cardIssued")).extracting(AuditEntry::details)
                    .containsExactlyInAnyOrder("~1 seat=1 passphrase=no holder=" + tellers.get(0),
                            "~1 seat=1 passphrase=no holder=" + tellers.get(0), "~1 seat=2 passphrase=no holder=" + tellers.get(1),
                            "~1 seat=3 passphrase=no holder=" + tellers.get(2));
            assertThat(log).noneMatch(e -> e.details().contains(cards.get(0).substring(5, 13)));
        }
    }

    /** The dialog over the ceremony screen, that screen scrolled back to its top (the layout is measured from there). */
    private static void fits(Browser browser, String screen) {
        browser.script("document.querySelector('#ceremony-back').scrollIntoView()");
        PhoneLayout.assertFits(browser, screen);
    }

    private static String fieldError(Browser browser, String css) {
        browser.waitForVaadin();
        var field = browser.find(css);
        return field.getAttribute("invalid") == null ? "" : String.valueOf(field.getDomProperty("errorMessage"));
    }

    private static String notifications(Browser browser) {
        return String.valueOf(browser.script("""
                return Array.from(document.querySelectorAll('vaadin-notification-card')).map(c => c.innerText).join('\\n');"""));
    }

    /** The confirm dialog's header and text sit in its overlay. */
    private static String confirmText(Browser browser) {
        browser.find("#print-close-confirm");
        return String.valueOf(browser.script("""
                const d = document.querySelector('#print-close-confirm');
                return d ? (d.innerText || '') + ' ' + (d.header || '') + ' ' + (d.message || '') : '';"""));
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
