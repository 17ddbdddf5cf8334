package vn.tinnhiem.token.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.DeskPresence;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.VoterRoll;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.database.EmbeddedMariaDb;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.RootDatabase;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.CardCheck;
import vn.tinnhiem.token.TokenService;

/**
 * The desk on a phone while the database stays busy past every retry: someone else (root, here) holds the
 * conference's cards locked, so each attempt of the activation times out waiting (1205). The teller reads
 * "Hệ thống đang bận, xin vui lòng thử lại." at the card field, never "something unexpected", the card is not
 * activated, and once the lock is gone the same card is activated at the next try.
 *
 * <p>The server's lock wait is 50 s; for this test it is 1 s (the global variable, and the application's pooled
 * connections dropped so the pool opens new ones that take it), and put back afterwards the same way.
 */
@IntegrationTest
@Tag("browser")
@Tag("embedded-server")
@WithMockUser(username = "organiser", roles = "ADMIN")
class DeskBusyBrowserTests {

    private static final Pattern CODE = Pattern.compile("TN(-[0-9A-Z]{4}){6}-[0-9A-Z]{3}");
    private static final String BUSY = "Hệ thống đang bận, xin vui lòng thử lại.";

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
    DeskPresence deskPresence;
    @Autowired
    Lifecycle lifecycle;
    @Autowired
    Milestones milestones;
    @Autowired
    TokenService tokens;
    @Autowired
    EmbeddedMariaDb server;
    @Autowired
    DataSource app;

    @Test
    void a_card_activation_that_stays_busy_past_every_retry_says_busy_at_the_field_then_works() throws Exception {
        String teller = Staff.create(accounts, "banban", Role.TELLER);
        ElectionId id = openConference(teller);
        String card = printedCodes(id).getFirst();
        String database = RootDatabase.appDatabase(app);

        try (var browser = new Browser("http://localhost:" + port, 360, 640);
                Connection root = RootDatabase.open(server, database)) {
            Staff.signIn(browser, teller);
            browser.open("/desk/" + id);
            browser.find("#desk-card-field");
            long lockWait = shortLockWaits(root);
            try (Statement s = root.createStatement()) {
                s.executeQuery("SELECT state FROM token WHERE election_id = " + id + " FOR UPDATE").close();
                scan(browser, card);
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (!fieldError(browser).equals(BUSY) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(fieldError(browser)).as("the card field's message").isEqualTo(BUSY);
                assertThat(browser.pageText()).doesNotContain("ngoài dự kiến");
                PhoneLayout.assertFits(browser, "the desk saying the system is busy");
                root.rollback();
                assertThat(tokens.check(id, card)).isEqualTo(CardCheck.PRINTED);

                scan(browser, card);
                browser.waitForText("#desk-activated", "Đã kích hoạt thẻ");
                assertThat(fieldError(browser)).isEmpty();
                assertThat(tokens.check(id, card)).isEqualTo(CardCheck.ACTIVATED);
            } finally {
                root.rollback();
                restoreLockWaits(root, lockWait);
            }
        }
    }

    /** Sets the server's lock wait to 1 s and drops the application's connections; answers the old value. */
    private long shortLockWaits(Connection root) throws Exception {
        long before;
        try (Statement s = root.createStatement();
                ResultSet r = s.executeQuery("SELECT @@GLOBAL.innodb_lock_wait_timeout")) {
            r.next();
            before = r.getLong(1);
            s.execute("SET GLOBAL innodb_lock_wait_timeout = 1");
        }
        dropApplicationConnections(root);
        return before;
    }

    private void restoreLockWaits(Connection root, long lockWait) throws Exception {
        try (Statement s = root.createStatement()) {
            s.execute("SET GLOBAL innodb_lock_wait_timeout = " + lockWait);
        }
        dropApplicationConnections(root);
    }

    /** The pool notices at its next use (it checks a connection idle for more than half a second). */
    private void dropApplicationConnections(Connection root) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Statement s = root.createStatement(); ResultSet r = s.executeQuery(
                "SELECT id FROM information_schema.PROCESSLIST WHERE user = '" + server.appUser() + "'")) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        for (long connection : ids) {
            try (Statement s = root.createStatement()) {
                s.execute("KILL CONNECTION " + connection);
            } catch (SQLException gone) {
                // ended by itself meanwhile
            }
        }
        Thread.sleep(1000);
    }

    private ElectionId openConference(String teller) {
        ElectionId id;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            id = elections.create(new ElectionDetails("Hội nghị bận " + UUID.randomUUID().toString().substring(0, 6),
                    "HĐND xã Mỹ Hòa", "Hội trường", LocalDateTime.of(2026, 12, 22, 8, 0), BallotKind.THREE_LEVEL,
                    RuleSet.QD_96_2023));
            candidates.addCandidate(id, "Trần Văn A", "Phó Chủ tịch");
            voterRoll.addVoter(id, new NewVoter("Nguyễn Văn An", "Đại biểu HĐND", "HĐND xã"));
            tallyBoard.addTeller(id, "Ngô Văn Kiểm", true);
            tallyBoard.setSeatAccount(id, tallyBoard.tellers(id).getFirst().id(), Optional.of(teller));
            lifecycle.moveTo(id, ElectionStatus.READY);
        }
        try (var board = Acting.as(teller, "TELLER")) {
            milestones.recordKeyMade(id, "d4".repeat(32));
            lifecycle.moveTo(id, ElectionStatus.OPEN);
            // The voter is ticked present: one card for one person, so the desk asks nothing before activating.
            deskPresence.markPresent(id, voterRoll.voters(id).getFirst().id(), true);
        }
        return id;
    }

    private List<String> printedCodes(ElectionId id) throws Exception {
        byte[] pdf;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            pdf = tokens.print(id, 1).pdf();
        }
        List<String> codes = new ArrayList<>();
        try (var doc = Loader.loadPDF(pdf)) {
            Matcher m = CODE.matcher(new PDFTextStripper().getText(doc));
            while (m.find()) {
                codes.add(m.group());
            }
        }
        return codes;
    }

    /** Types as a handheld scanner does: the characters, then Enter. */
    private static void scan(Browser browser, String text) {
        var input = browser.find("#desk-card-field input");
        input.clear();
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
        browser.waitForVaadin();
    }

    private static String fieldError(Browser browser) {
        var field = browser.find("#desk-card-field");
        String message = field.getAttribute("invalid") == null ? null : field.getDomProperty("errorMessage");
        return message == null ? "" : message;
    }
}
