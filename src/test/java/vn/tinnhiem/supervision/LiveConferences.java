package vn.tinnhiem.supervision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.election.NewVoter;
import vn.tinnhiem.election.RollEntry;
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Cards;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.TokenService;

/**
 * OPEN conferences for the supervision tests, made as the staff make them (a one-seat ceremony, the polls
 * opened by the teller, cards printed and activated at the desk, voters ticked present) and tablets enrolled.
 */
public record LiveConferences(ElectionServices elections, AccountService accounts, CeremonyService ceremonies,
        TokenService tokens, KioskService kiosks) {

    private static final Pattern CODE = Pattern.compile("TN(-[0-9A-Z]{4}){6}-[0-9A-Z]{3}");

    /** @param supervisor a SUPERVISOR account named for this conference in its set-up, ready to sign in */
    public record Open(ElectionId id, String title, String teller, String supervisor) {
    }

    /** An OPEN conference of two candidates (two levels) and {@code voters} on the roll, nobody present. */
    public Open open(int voters) {
        return open(voters, 2, BallotKind.TWO_LEVEL);
    }

    /** An OPEN conference of {@code candidates} on a ballot of the kind, {@code voters} on the roll. */
    public Open open(int voters, int candidates, BallotKind kind) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String teller = "giamsat." + suffix;
        String title = "Hội nghị giám sát " + suffix;
        ElectionId id;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            id = elections.elections().create(new ElectionDetails(title, "HĐND xã Mỹ Hòa", "Hội trường",
                    LocalDateTime.of(2026, 12, 22, 8, 0), kind, RuleSet.QD_96_2023));
            elections.candidates().addCandidate(id, "Nguyễn Văn An", "Chủ tịch UBND xã");
            elections.candidates().addCandidate(id, "Trần Thị Bích", "Phó Chủ tịch UBND xã");
            for (int c = 3; c <= candidates; c++) {
                elections.candidates().addCandidate(id, "Ứng viên số " + c, "Chức vụ " + c);
            }
            for (int v = 1; v <= voters; v++) {
                elections.voterRoll().addVoter(id, new NewVoter("Đại biểu số " + v, "Đại biểu", "HĐND xã"));
            }
            Staff.createNamed(accounts, teller, "Ngô Văn Kiểm", Role.TELLER);
            Staff.createNamed(accounts, "gs." + suffix, "Lý Thị Giám", Role.SUPERVISOR);
            elections.supervisors().addSupervisor(id, "gs." + suffix);
            elections.tallyBoard().addTeller(id, "Ngô Văn Kiểm", true);
            elections.tallyBoard().setThreshold(id, 1);
            elections.tallyBoard().setSeatAccount(id, elections.tallyBoard().tellers(id).getFirst().id(), Optional.of(teller));
            elections.lifecycle().moveTo(id, ElectionStatus.READY);
            ceremonies.start(id);
            String share = Cards.issue(ceremonies, id, 1, null);
            if (!ceremonies.checkCard(id, 1, share, null).ceremonyComplete()) {
                throw new AssertionError("the one-seat ceremony did not complete");
            }
        }
        try (var board = Acting.as(teller, "TELLER")) {
            elections.lifecycle().moveTo(id, ElectionStatus.OPEN);
        }
        return new Open(id, title, teller, "gs." + suffix);
    }

    /** Ticks the first {@code count} voters of the roll present (those not yet), as the teller at the desk does. */
    public void present(Open conference, int count) {
        try (var board = Acting.as(conference.teller(), "TELLER")) {
            List<RollEntry> roll = elections.deskPresence().deskRoll(conference.id(), "", 0, 500).entries();
            for (RollEntry entry : roll.subList(0, count)) {
                if (!entry.present()) {
                    elections.deskPresence().markPresent(conference.id(), entry.voter().id(), true);
                }
            }
        }
    }

    /** Cards printed and activated at the desk: their typed codes. */
    public List<String> activated(Open conference, int count) {
        List<String> codes;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            codes = printedCodes(tokens.print(conference.id(), count).pdf()).subList(0, count);
        }
        try (var board = Acting.as(conference.teller(), "TELLER")) {
            codes.forEach(code -> tokens.activate(conference.id(), code));
        }
        return codes;
    }

    /** At least {@code count} cards printed (in batches of up to 100) and activated: their typed codes. */
    public List<String> manyActivated(Open conference, int count) {
        List<String> codes = new ArrayList<>();
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            while (codes.size() < count) {
                codes.addAll(printedCodes(tokens.print(conference.id(),
                        Math.min(TokenService.MAX_SPARES, Math.max(1, count - codes.size()))).pdf()));
            }
        }
        try (var board = Acting.as(conference.teller(), "TELLER")) {
            codes.forEach(code -> tokens.activate(conference.id(), code));
        }
        return codes;
    }

    /** Enrolls the browser as a tablet of the conference, named {@code name}, and opens its kiosk page. */
    public void enroll(Browser tablet, ElectionId conference, String name) {
        String path;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            path = kiosks.add(name, conference).path();
        }
        tablet.open(path);
        tablet.waitForPath("/kiosk");
    }

    /** A voter's turn on the tablet: the typed code, a mark for each candidate, the review, the confirmation. */
    public static void vote(Browser tablet, String code) {
        scan(tablet, code);
        confirm(tablet);
    }

    /** The voter's card typed on the idle screen: the ballot opens. */
    public static void scan(Browser tablet, String code) {
        tablet.waitForText("#kiosk-content", "Quét mã phiếu");
        tablet.type("#kiosk-scanner-field", code);
        tablet.click("#kiosk-scanner-submit");
        tablet.waitForText("#kiosk-content", "PHIẾU TÍN NHIỆM");
    }

    /** A mark for each candidate, the review and the confirmation: the ballot is stored. */
    public static void confirm(Browser tablet) {
        tablet.click("#kiosk-candidate-1 .kiosk-choice[data-level='CONFIDENCE']");
        tablet.click("#kiosk-candidate-2 .kiosk-choice[data-level='NO_CONFIDENCE']");
        tablet.click("#kiosk-review");
        tablet.click("#kiosk-confirm");
        // Sealed in the page and committed: the voter casts it.
        tablet.waitForText("#kiosk-content", "Phiếu đã được niêm phong");
        tablet.click("#kiosk-cast");
        tablet.waitForText("#kiosk-content", "Phiếu của bạn đã được ghi nhận");
    }

    private static List<String> printedCodes(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            Matcher m = CODE.matcher(new PDFTextStripper().getText(doc));
            List<String> codes = new ArrayList<>();
            while (m.find()) {
                codes.add(m.group());
            }
            return codes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
