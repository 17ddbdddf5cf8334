package vn.tinnhiem.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.BALLOT;
import static vn.tinnhiem.db.Tables.TOKEN;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.election.Voter;
import vn.tinnhiem.shared.database.EmbeddedMariaDb;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.FolderCopyAttack.Kind;
import vn.tinnhiem.voting.FolderCopyAttack.Needle;

/**
 * Issue 16's attack, on the files: a conference where each voter is ticked present, handed a card
 * activated at the desk, and casts straight away (the order that puts a voter, their card and their
 * ballot next to each other in every log), the data folder copied as files in the middle of the casting
 * and again after the close, and each copy searched for every voter's row, every card's keyed hash and
 * every ballot's tracking code and id. Before the data at rest was encrypted this linked 47 of 47 ballots
 * to their voters (issue 16); now the copy must hold none of them, and so no pair above chance.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
// Needs the embedded server itself (its bean, folder or root account): runs on it, never on the cluster.
@Tag("embedded-server")
class FolderCopyAttackIntegrationTests {

    private static final int VOTERS = 40;

    @Autowired
    VotingService voting;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    DSLContext db;
    @Autowired
    EmbeddedMariaDb server;

    @Test
    void a_copy_of_the_data_folder_mid_casting_and_after_the_close_links_no_ballot_to_its_card_or_voter()
            throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < VOTERS; i++) {
            names.add("Cử tri thử nghiệm số %03d Nguyễn Văn".formatted(i));
        }
        var conf = new VotingConferences(elections, accounts, ceremonies, tokens)
                .open(3, BallotKind.THREE_LEVEL, 0, VOTERS, names);
        List<Voter> roll = elections.voterRoll().voters(conf.id());
        assertThat(roll).hasSize(VOTERS);
        BallotForm form = voting.form(conf.id()).orElseThrow();
        List<Needle> needles = new ArrayList<>();
        for (int i = 0; i < VOTERS; i++) {
            needles.add(new Needle(Kind.VOTER, i, roll.get(i).fullName().getBytes(StandardCharsets.UTF_8)));
            needles.add(new Needle(Kind.VOTER, i, innoDbBigint(roll.get(i).id()), true));
        }

        Path copies = server.dataDir().resolveSibling("attack-copies-" + System.nanoTime());
        try {
            // The first half, then the second half while the folder is copied, as a disk image would be taken.
            castFrom(conf, roll, form, needles, 0, VOTERS / 2);
            var second = CompletableFuture.runAsync(() -> castFrom(conf, roll, form, needles, VOTERS / 2, VOTERS));
            Path midCasting = FolderCopyAttack.copy(server.dataDir(), copies.resolve("mid-casting"));
            second.join();
            new VotingConferences(elections, accounts, ceremonies, tokens).close(conf.id(), conf.teller());
            Path afterClose = FolderCopyAttack.copy(server.dataDir(), copies.resolve("after-close"));

            // The patterns the attacker looks for are really in the database (as its SQL shows them).
            assertThat(db.fetchCount(BALLOT, BALLOT.ELECTION_ID.eq(conf.id().value()))).isEqualTo(VOTERS);
            assertThat(needles.stream().filter(n -> n.kind() == Kind.CARD).count()).isEqualTo(VOTERS);
            assertThat(needles.stream().filter(n -> n.kind() == Kind.BALLOT).count()).isEqualTo(2L * VOTERS);

            for (Path copy : List.of(midCasting, afterClose)) {
                var result = FolderCopyAttack.attack(copy, needles);
                int ballotsLinked = correct(result.ballotToCard());
                int cardsLinked = correct(result.cardToVoter());
                System.out.printf("FOLDER COPY ATTACK %s: %.1f MB searched; found voters %d, cards %d, ballots %d of %d;"
                        + " ballot-card pairs right %d, card-voter pairs right %d%n", copy.getFileName(),
                        result.bytesSearched() / 1e6, result.found(Kind.VOTER), result.found(Kind.CARD),
                        result.found(Kind.BALLOT), VOTERS, ballotsLinked, cardsLinked);
                result.where().forEach(w -> System.out.println("  found: " + w));
                assertThat(result.bytesSearched()).as("the copy holds the server's files").isGreaterThan(50_000_000L);
                // Chance: a guess is right 1 time in 40; more than 3 right would be a link.
                assertThat(ballotsLinked).as("ballots linked to their card in " + copy).isLessThanOrEqualTo(3);
                assertThat(cardsLinked).as("cards linked to their voter in " + copy).isLessThanOrEqualTo(3);
                // The means chosen go further: nothing of any voter, card or ballot can be read at all.
                assertThat(result.found()).as("patterns readable in " + copy).isEmpty();
            }
        } finally {
            FolderCopyAttack.delete(copies);
        }
    }

    /** The attack itself works: on bytes in the clear, laid out in casting order, it links every pair. */
    @Test
    void the_attack_links_every_pair_when_the_bytes_are_in_the_clear() {
        SecureRandom random = new SecureRandom();
        List<Needle> needles = new ArrayList<>();
        var log = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < VOTERS; i++) {
            byte[] card = new byte[32];
            random.nextBytes(card);
            Needle voter = new Needle(Kind.VOTER, i, ("Cử tri số " + i + " ").getBytes(StandardCharsets.UTF_8));
            Needle spent = new Needle(Kind.CARD, i, card);
            Needle ballot = new Needle(Kind.BALLOT, i, ("TRACK-%04d-XYZW".formatted(i)).getBytes(StandardCharsets.US_ASCII));
            needles.addAll(List.of(voter, spent, ballot));
            for (Needle n : List.of(voter, spent, spent, ballot)) {
                byte[] filler = new byte[100 + random.nextInt(400)];
                random.nextBytes(filler);
                log.writeBytes(filler);
                log.writeBytes(n.bytes());
            }
        }
        var result = FolderCopyAttack.attack(log.toByteArray(), needles);
        assertThat(correct(result.ballotToCard())).isEqualTo(VOTERS);
        assertThat(correct(result.cardToVoter())).isEqualTo(VOTERS);
    }

    /** Voters i is ticked present, gets card i activated, and casts ballot i, one after the other. */
    private void castFrom(VotingConferences.Open conf, List<Voter> roll, BallotForm form, List<Needle> needles,
            int from, int to) {
        for (int i = from; i < to; i++) {
            String code = conf.notActivated().get(i);
            Set<String> before = activatedHashes(conf.id().value());
            try (var desk = Acting.as(conf.teller(), "TELLER")) {
                elections.deskPresence().markPresent(conf.id(), roll.get(i).id(), true);
                tokens.activate(conf.id(), code);
            }
            Set<String> after = activatedHashes(conf.id().value());
            after.removeAll(before);
            assertThat(after).hasSize(1);
            byte[] hash = java.util.HexFormat.of().parseHex(after.iterator().next());
            CastOutcome outcome = new TestTablet(voting, ceremonies).vote("kiosk-attack", conf.id(), code,
                    VotingIntegrationTests.marks(form, i % 3));
            assertThat(outcome).isInstanceOf(CastOutcome.Recorded.class);
            String tracking = ((CastOutcome.Recorded) outcome).trackingCode();
            byte[] ballotId = db.select(BALLOT.ID).from(BALLOT)
                    .where(BALLOT.ELECTION_ID.eq(conf.id().value()).and(BALLOT.TRACKING_CODE.eq(tracking))).fetchOne(BALLOT.ID);
            synchronized (needles) {
                needles.add(new Needle(Kind.CARD, i, hash));
                needles.add(new Needle(Kind.BALLOT, i, tracking.getBytes(StandardCharsets.US_ASCII)));
                needles.add(new Needle(Kind.BALLOT, i, ballotId));
            }
        }
    }

    private Set<String> activatedHashes(long electionId) {
        Set<String> hashes = new HashSet<>();
        for (byte[] h : db.select(TOKEN.TOKEN_HASH).from(TOKEN)
                .where(TOKEN.ELECTION_ID.eq(electionId).and(TOKEN.STATE.eq("ACTIVATED"))).fetch(TOKEN.TOKEN_HASH)) {
            hashes.add(java.util.HexFormat.of().formatHex(h));
        }
        return hashes;
    }

    /** A BIGINT as InnoDB stores it in a record: big-endian with the sign bit flipped. */
    private static byte[] innoDbBigint(long value) {
        return ByteBuffer.allocate(8).putLong(value ^ Long.MIN_VALUE).array();
    }

    private static int correct(Map<Integer, Integer> pairs) {
        return (int) pairs.entrySet().stream().filter(e -> e.getKey().equals(e.getValue())).count();
    }
}
