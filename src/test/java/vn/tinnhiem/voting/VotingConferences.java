package vn.tinnhiem.voting;

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
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.Cards;
import vn.tinnhiem.support.Staff;
import vn.tinnhiem.token.TokenService;

/**
 * Conferences with the polls really OPEN for the casting tests: a one-seat ceremony run (key made, card printed
 * and checked back), the polls opened by the teller, voting cards printed and some activated at the desk, all
 * through the services the staff use.
 */
final class VotingConferences {

    private static final Pattern CODE = Pattern.compile("TN(-[0-9A-Z]{4}){6}-[0-9A-Z]{3}");

    /** An open conference: its teller, the activated cards' codes and printed cards never handed over. */
    record Open(ElectionId id, String teller, List<String> activated, List<String> notActivated) {
    }

    private final ElectionServices elections;
    private final AccountService accounts;
    private final CeremonyService ceremonies;
    private final TokenService tokens;

    VotingConferences(ElectionServices elections, AccountService accounts, CeremonyService ceremonies,
            TokenService tokens) {
        this.elections = elections;
        this.accounts = accounts;
        this.ceremonies = ceremonies;
        this.tokens = tokens;
    }

    Open open(int candidates, BallotKind kind, int activated, int notActivated) {
        return open(candidates, kind, activated, notActivated, List.of());
    }

    /** As above, with these voters on the roll after the first one. */
    Open open(int candidates, BallotKind kind, int activated, int notActivated, List<String> moreVoters) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String teller = "bophieu." + suffix;
        ElectionId id;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            id = elections.elections().create(new ElectionDetails("Hội nghị bỏ phiếu " + suffix, "HĐND xã Mỹ Hòa", "Hội trường",
                    LocalDateTime.of(2026, 12, 22, 8, 0), kind, RuleSet.QD_96_2023));
            for (int c = 1; c <= candidates; c++) {
                elections.candidates().addCandidate(id, "Ứng viên số " + c, "Chức vụ " + c);
            }
            elections.voterRoll().addVoter(id, new NewVoter("Lê Thị Bình", "Đại biểu", "HĐND xã"));
            for (String name : moreVoters) {
                elections.voterRoll().addVoter(id, new NewVoter(name, "Đại biểu", "HĐND xã"));
            }
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
        List<String> codes = print(id, activated + notActivated);
        try (var board = Acting.as(teller, "TELLER")) {
            for (String code : codes.subList(0, activated)) {
                tokens.activate(id, code);
            }
        }
        return new Open(id, teller, List.copyOf(codes.subList(0, activated)),
                List.copyOf(codes.subList(activated, activated + notActivated)));
    }

    /** Prints at least {@code count} more cards (in batches of up to 100) and answers their typed codes. */
    List<String> print(ElectionId id, int count) {
        List<String> codes = new ArrayList<>();
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            while (codes.size() < count) {
                codes.addAll(printedCodes(tokens.print(id, Math.min(TokenService.MAX_SPARES, Math.max(1, count - codes.size()))).pdf()));
            }
        }
        return codes;
    }

    void close(ElectionId id, String teller) {
        try (var board = Acting.as(teller, "TELLER")) {
            elections.lifecycle().moveTo(id, ElectionStatus.CLOSED);
        }
    }

    static List<String> printedCodes(byte[] pdf) {
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
