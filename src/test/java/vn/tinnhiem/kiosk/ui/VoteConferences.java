package vn.tinnhiem.kiosk.ui;

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
import vn.tinnhiem.election.RuleSet;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.Cards;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.TokenService;

/**
 * Conferences with the polls really OPEN for the kiosk's browser tests, made as the staff make them: a
 * one-seat key ceremony (card issued and checked back), the polls opened by the teller, voting cards printed
 * and activated at the desk; and tablets enrolled for them.
 */
record VoteConferences(ElectionServices elections, AccountService accounts, CeremonyService ceremonies,
        TokenService tokens, KioskService kiosks) {

    private static final Pattern CODE = Pattern.compile("TN(-[0-9A-Z]{4}){6}-[0-9A-Z]{3}");

    record Open(ElectionId id, String title, String teller, List<String> candidates) {
    }

    Open open(int candidates, BallotKind kind) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String teller = "kiosk.vote." + suffix;
        String title = "Hội nghị lấy phiếu " + suffix;
        List<String> names = new ArrayList<>();
        ElectionId id;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            id = elections.elections().create(new ElectionDetails(title, "HĐND xã Mỹ Hòa", "Hội trường",
                    LocalDateTime.of(2026, 12, 22, 8, 0), kind, RuleSet.QD_96_2023));
            for (int c = 1; c <= candidates; c++) {
                String name = "Nguyễn Văn Ứng Viên " + c;
                names.add(name);
                elections.candidates().addCandidate(id, name, "Phó Chủ tịch UBND xã " + c);
            }
            elections.voterRoll().addVoter(id, new NewVoter("Lê Thị Bình", "Đại biểu", "HĐND xã"));
            Staff.createNamed(accounts, teller, "Ngô Văn Kiểm", Role.TELLER);
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
        return new Open(id, title, teller, List.copyOf(names));
    }

    /** A sheet of new cards (its PDF) and their typed codes, none activated. */
    record Sheet(byte[] pdf, List<String> codes) {
    }

    Sheet print(ElectionId id, int count) {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            byte[] pdf = tokens.print(id, count).pdf();
            return new Sheet(pdf, printedCodes(pdf));
        }
    }

    /** Cards handed over at the desk: printed and activated by the teller; their typed codes. */
    List<String> activated(Open conference, int count) {
        List<String> codes = print(conference.id(), count).codes();
        activate(conference, codes);
        return codes;
    }

    void activate(Open conference, List<String> scannedTexts) {
        try (var board = Acting.as(conference.teller(), "TELLER")) {
            for (String text : scannedTexts) {
                tokens.activate(conference.id(), text);
            }
        }
    }

    void close(Open conference) {
        try (var board = Acting.as(conference.teller(), "TELLER")) {
            elections.lifecycle().moveTo(conference.id(), ElectionStatus.CLOSED);
        }
    }

    /** Enrolls the browser as a tablet of the conference and opens its kiosk page. */
    void enroll(Browser tablet, ElectionId conference) {
        String path;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            path = kiosks.add("Bàn " + UUID.randomUUID().toString().substring(0, 6), conference).path();
        }
        tablet.open(path);
        tablet.waitForPath("/kiosk");
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
