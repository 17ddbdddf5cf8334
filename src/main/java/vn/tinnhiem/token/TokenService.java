package vn.tinnhiem.token;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.database.RetriedWhenBusy;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.VoterRoll;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.token.internal.CardSheet;
import vn.tinnhiem.token.internal.TokenCode;
import vn.tinnhiem.token.internal.TokenKey;
import vn.tinnhiem.token.internal.TokenRepository;
import vn.tinnhiem.shared.Roles;

/**
 * Voting cards. The organiser prints them (a 128-bit random token per card, stored only as its keyed
 * hash; the token itself lives only while the PDF is made); at the desk a teller of the conference's board
 * activates the card handed over, or voids a lost or spoiled one; a cast spends it.
 *
 * <p>Which card went to whom is never stored: presence is ticked on the roll (the election module) and a
 * card is activated in a separate step that names no voter; neither leaves an audit entry that carries a
 * card, and activations are not audited one by one (their order next to the presence marks would pair
 * them): the counts per state are what the desk and the closing show.
 */
@Service
@RetriedWhenBusy
public class TokenService {

    public static final int MAX_SPARES = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenRepository repository;
    private final TokenKey key;
    private final Elections elections;
    private final VoterRoll voterRoll;
    private final TallyBoard tallyBoard;
    private final OpenPolls openPolls;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    TokenService(TokenRepository repository, TokenKey key, Elections elections, VoterRoll voterRoll,
            TallyBoard tallyBoard, OpenPolls openPolls, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.key = key;
        this.elections = elections;
        this.voterRoll = voterRoll;
        this.tallyBoard = tallyBoard;
        this.openPolls = openPolls;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The organiser's default number of spare cards: 5% of the roll, rounded up, at most {@value #MAX_SPARES}. */
    public static int defaultSpares(int rollSize) {
        return Math.min(MAX_SPARES, (rollSize * 5 + 99) / 100);
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER, Roles.SUPERVISOR})
    @Transactional(readOnly = true)
    public CardCounts counts(ElectionId electionId) {
        return countsIn(electionId);
    }

    private CardCounts countsIn(ElectionId electionId) {
        Map<String, Integer> c = repository.counts(electionId.value());
        return new CardCounts(c.getOrDefault(TokenRepository.PRINTED, 0), c.getOrDefault(TokenRepository.ACTIVATED, 0),
                c.getOrDefault(TokenRepository.SPENT, 0), c.getOrDefault(TokenRepository.VOID, 0),
                c.getOrDefault(TokenRepository.CHECK, 0));
    }

    /**
     * Prints new cards for a READY or OPEN conference. The first batch is one card per voter on the roll
     * plus {@code spares} (0..100); a later batch is {@code spares} more (1..100). Old cards are never
     * printed again: their tokens exist nowhere. The cards come in the random order they were drawn in.
     * Audited as one entry with the count.
     */
    @RolesAllowed(Roles.ADMIN)
    public PrintedCards print(ElectionId electionId, int spares) {
        Election election = elections.find(electionId).orElseThrow(() -> new UserFacingException("election.error.missing"));
        requirePrintable(election);
        boolean first = transaction.execute(status -> countsIn(electionId).total()) == 0;
        int min = first ? 0 : 1;
        if (spares < min || spares > MAX_SPARES) {
            throw new UserFacingException("cards.error.spares", min, MAX_SPARES);
        }
        int count = (first ? voterRoll.searchVoters(electionId, "", 0, 1).total() : 0) + spares;
        if (count == 0) {
            throw new UserFacingException("cards.error.spares", 1, MAX_SPARES);
        }
        List<byte[]> tokens = new ArrayList<>(count);
        List<byte[]> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] token = new byte[TokenCode.TOKEN_BYTES];
            RANDOM.nextBytes(token);
            tokens.add(token);
            hashes.add(key.hash(token));
        }
        try {
            // The PDF first: cards are stored only once their sheet exists, and a sheet whose cards could
            // not be stored is thrown away.
            byte[] pdf = CardSheet.render(election.title(), tokens);
            transaction.executeWithoutResult(status -> {
                requirePrintable(elections.find(electionId).orElseThrow());
                repository.insertPrinted(electionId.value(), hashes);
                audit.record("token.print", subject(electionId), AuditFields.of("count", count));
            });
            return new PrintedCards(pdf, count);
        } finally {
            tokens.forEach(t -> Arrays.fill(t, (byte) 0));
        }
    }

    private static void requirePrintable(Election election) {
        if (election.status() != ElectionStatus.READY && election.status() != ElectionStatus.OPEN) {
            throw new UserFacingException("cards.error.status", "status." + election.status().name());
        }
    }

    /**
     * At the desk: the card handed over becomes usable (PRINTED to ACTIVATED), while the polls are OPEN, by
     * a teller on this conference's board. Names no voter and writes no audit entry (see the class).
     *
     * @throws UserFacingException with a {@code desk.error.*} key saying why the card was refused
     */
    @RolesAllowed(Roles.TELLER)
    @Transactional
    public void activate(ElectionId electionId, String scannedText) {
        openPolls.whileOpen(electionId, () -> {
            onBoard(electionId, "activate");
            byte[] hash = hashOf(scannedText).orElseThrow(() -> new UserFacingException("desk.error.unknown"));
            if (repository.move(electionId.value(), hash, List.of(TokenRepository.PRINTED), TokenRepository.ACTIVATED) == 1) {
                return null;
            }
            throw refusal(electionId, hash, "desk.error.alreadyActivated");
        });
    }

    /**
     * At the desk: a spare card becomes a card for checking tablets (PRINTED to CHECK), for a supervisor, while
     * the polls are OPEN, by a teller on this conference's board. A check card opens the ballot on any tablet for
     * "Kiểm tra máy" as many times as wanted, never casts, and is neither handed out to a voter nor spent, so it
     * changes no turnout figure. Audited with the count only (it names no voter: it is not a voter's card).
     *
     * @throws UserFacingException with a {@code desk.error.*} key saying why the card was refused
     */
    @RolesAllowed(Roles.TELLER)
    @Transactional
    public void activateForCheck(ElectionId electionId, String scannedText) {
        openPolls.whileOpen(electionId, () -> {
            onBoard(electionId, "activateForCheck");
            byte[] hash = hashOf(scannedText).orElseThrow(() -> new UserFacingException("desk.error.unknown"));
            if (repository.move(electionId.value(), hash, List.of(TokenRepository.PRINTED), TokenRepository.CHECK) == 1) {
                return null;
            }
            throw refusal(electionId, hash, "desk.error.alreadyActivated");
        });
        audit.record("token.checkCard", subject(electionId), AuditFields.of("count", 1));
    }

    /**
     * At the desk: a lost or spoiled card (printed, activated or a check card, not spent) can never be used; audited
     * with no card data. A replacement is then activated like any card.
     */
    @RolesAllowed(Roles.TELLER)
    @Transactional
    public void voidCard(ElectionId electionId, String scannedText) {
        openPolls.whileOpen(electionId, () -> {
            onBoard(electionId, "void");
            byte[] hash = hashOf(scannedText).orElseThrow(() -> new UserFacingException("desk.error.unknown"));
            // A lost check card too: whoever finds it could go on making checked ballots.
            if (repository.move(electionId.value(), hash, List.of(TokenRepository.PRINTED, TokenRepository.ACTIVATED,
                    TokenRepository.CHECK), TokenRepository.VOID) == 1) {
                return null;
            }
            throw refusal(electionId, hash, "desk.error.alreadyActivated");
        });
        audit.record("token.void", subject(electionId), AuditFields.of("count", 1));
    }

    private UserFacingException refusal(ElectionId electionId, byte[] hash, String whenActivated) {
        Optional<String> state = repository.stateLatest(electionId.value(), hash);
        if (state.isEmpty()) {
            return new UserFacingException(repository.elsewhere(electionId.value(), hash) ? "desk.error.otherConference"
                    : "desk.error.unknown");
        }
        return new UserFacingException(switch (state.get()) {
            case TokenRepository.SPENT -> "desk.error.spent";
            case TokenRepository.VOID -> "desk.error.void";
            case TokenRepository.CHECK -> "desk.error.checkCard";
            case TokenRepository.ACTIVATED -> whenActivated;
            default -> "desk.error.notActivated";
        });
    }

    /** A teller acts only on the board they sit on; a refusal goes on the record, without any card data. */
    private void onBoard(ElectionId electionId, String action) {
        if (tallyBoard.boardsOfCurrentTeller().stream().noneMatch(e -> e.id().equals(electionId))) {
            audit.recordRefusal("token.refused", subject(electionId), AuditFields.of("action", action).with("reason", "notOnBoard"));
            throw new UserFacingException("desk.error.notOnBoard");
        }
    }

    /**
     * For the casting code, inside {@link OpenPolls#whileOpen}'s transaction (required: there is no
     * transaction of its own): reads the card from the scanned or typed text and spends it if, and only if,
     * it is this conference's and ACTIVATED, with one conditional update, so of many casts of one card
     * exactly one spends it. Otherwise says why, and changes nothing. No role check, no audit entry, no log
     * line: a kiosk is not a staff session, so the calling module authorises its device, and nothing may
     * record when or in what order cards are spent.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public SpendResult spendInCast(ElectionId electionId, String scannedText) {
        Optional<byte[]> hash = hashOf(scannedText);
        if (hash.isEmpty()) {
            return SpendResult.UNKNOWN;
        }
        if (repository.move(electionId.value(), hash.get(), List.of(TokenRepository.ACTIVATED), TokenRepository.SPENT) == 1) {
            return SpendResult.SPENT;
        }
        Optional<String> state = repository.stateLatest(electionId.value(), hash.get());
        if (state.isEmpty()) {
            return repository.elsewhere(electionId.value(), hash.get()) ? SpendResult.OTHER_CONFERENCE : SpendResult.UNKNOWN;
        }
        return switch (state.get()) {
            case TokenRepository.SPENT -> SpendResult.ALREADY_SPENT;
            case TokenRepository.VOID -> SpendResult.VOID;
            case TokenRepository.CHECK -> SpendResult.CHECK_ONLY;
            // Activated at the desk an instant after the update looked: the voter simply scans again.
            default -> SpendResult.NOT_ACTIVATED;
        };
    }

    /**
     * What the card is, without changing anything: for the kiosk before it shows a ballot. No role check
     * (the calling module authorises its device), no audit entry, no log line.
     */
    @Transactional(readOnly = true)
    public CardCheck check(ElectionId electionId, String scannedText) {
        Optional<byte[]> hash = hashOf(scannedText);
        if (hash.isEmpty()) {
            return CardCheck.UNKNOWN;
        }
        Optional<String> state = repository.state(electionId.value(), hash.get());
        if (state.isEmpty()) {
            return repository.elsewhere(electionId.value(), hash.get()) ? CardCheck.OTHER_CONFERENCE : CardCheck.UNKNOWN;
        }
        return CardCheck.valueOf(state.get());
    }

    private Optional<byte[]> hashOf(String scannedText) {
        return TokenCode.parse(scannedText).map(token -> {
            byte[] hash = key.hash(token);
            Arrays.fill(token, (byte) 0);
            return hash;
        });
    }

    private static String subject(ElectionId electionId) {
        return "election:" + electionId;
    }
}
