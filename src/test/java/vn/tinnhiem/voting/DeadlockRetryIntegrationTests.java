package vn.tinnhiem.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.BALLOT;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.shared.database.EmbeddedMariaDb;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.RootDatabase;
import vn.tinnhiem.token.TokenService;

/**
 * A cast, and a card's activation at the desk, that lose a real deadlock on their first attempt (InnoDB's 1213,
 * what Galera's certification failure also says at commit) are run again and succeed: for the cast, one ballot
 * in the box, one card spent, the voter told "recorded". The deadlock is made with a root connection that locks
 * the conference's cards, waits until the application waits on them, and then asks for the conference row the
 * application holds shared ({@code whileOpen}): the opposite order.
 */
@IntegrationTest
@Tag("embedded-server")
@WithMockUser(username = "organiser", roles = "ADMIN")
class DeadlockRetryIntegrationTests {

    private static final String SCRATCH = "tinnhiem_retry_scratch";

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
    @Autowired
    DataSource app;

    @Test
    void a_cast_whose_first_attempt_loses_a_deadlock_stores_one_ballot_and_spends_the_card_once() throws Exception {
        var conf = new VotingConferences(elections, accounts, ceremonies, tokens).open(3, BallotKind.THREE_LEVEL, 1, 0);
        String card = conf.activated().getFirst();
        TestTablet tablet = new TestTablet(voting, ceremonies);
        String kiosk = "kiosk-" + UUID.randomUUID();
        SealedBallot sealed = tablet.seal(conf.id(), TestTablet.blank(3)).ballot();
        Commitment commitment = tablet.commit(kiosk, conf.id(), card, sealed);
        assertThat(commitment).isInstanceOf(Commitment.Accepted.class);
        long deadlocksBefore = deadlocks();

        CastOutcome outcome = loseOneDeadlock(conf.id().value(), () -> tablet.castCommitted(kiosk, conf.id(), card, commitment));

        assertThat(deadlocks()).as("the cast's first attempt lost a deadlock").isGreaterThan(deadlocksBefore);
        assertThat(outcome).isEqualTo(new CastOutcome.Recorded(sealed.trackingCode()));
        assertThat(db.fetchCount(BALLOT, BALLOT.ELECTION_ID.eq(conf.id().value()))).isEqualTo(1);
        assertThat(tokens.counts(conf.id()).spent()).isEqualTo(1);
        assertThat(tablet.castCommitted(kiosk, conf.id(), card, commitment))
                .isEqualTo(new CastOutcome.Refused(VotingService.ALREADY_USED));
    }

    @Test
    void a_card_activation_that_loses_a_deadlock_is_run_again_and_the_card_is_activated() throws Exception {
        var conferences = new VotingConferences(elections, accounts, ceremonies, tokens);
        var conf = conferences.open(2, BallotKind.THREE_LEVEL, 0, 0);
        String card = conferences.print(conf.id(), 1).getFirst();
        long deadlocksBefore = deadlocks();

        loseOneDeadlock(conf.id().value(), () -> {
            try (var teller = vn.tinnhiem.support.Acting.as(conf.teller(), "TELLER")) {
                tokens.activate(conf.id(), card);
            }
            return null;
        });

        assertThat(deadlocks()).as("the activation's first attempt lost a deadlock").isGreaterThan(deadlocksBefore);
        assertThat(tokens.check(conf.id(), card)).isEqualTo(vn.tinnhiem.token.CardCheck.ACTIVATED);
    }

    /**
     * Runs {@code work} (a unit that takes the conference row shared, then writes a card) against a root
     * transaction that holds the conference's cards and, once the unit waits for them, asks for the conference
     * row: a deadlock, whose victim InnoDB picks by weight; root has written 300 rows first, so it is the unit.
     */
    private <T> T loseOneDeadlock(long electionId, java.util.function.Supplier<T> work) throws Exception {
        try (Connection root = RootDatabase.open(server, RootDatabase.appDatabase(app));
                Statement s = root.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + SCRATCH + ".filler (id INT PRIMARY KEY) ENGINE=InnoDB");
            s.execute("DELETE FROM " + SCRATCH + ".filler");
            for (int i = 1; i <= 300; i++) {
                s.addBatch("INSERT INTO " + SCRATCH + ".filler VALUES (" + i + ")");
            }
            s.executeBatch();
            s.executeQuery("SELECT state FROM token WHERE election_id = " + electionId + " FOR UPDATE").close();
            // A thread of its own: the common pool may be busy (two cores).
            Thread[] worker = new Thread[1];
            var thread = Executors.newSingleThreadExecutor(r -> worker[0] = new Thread(r, "unit"));
            try {
                CompletableFuture<T> unit = CompletableFuture.supplyAsync(work, thread);
                awaitLockWait(unit, worker[0]);
                s.executeQuery("SELECT id FROM election WHERE id = " + electionId + " FOR UPDATE").close();
                root.rollback();
                return unit.get(60, TimeUnit.SECONDS);
            } finally {
                thread.shutdown();
            }
        }
    }

    /**
     * Until the application's update of a card has waited for root's lock for a while (INNODB_TRX's LOCK WAIT was
     * seen to miss it now and then; the process list does not).
     */
    private void awaitLockWait(CompletableFuture<?> cast, Thread worker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection watcher = RootDatabase.open(server, SCRATCH); Statement s = watcher.createStatement()) {
            watcher.setAutoCommit(true);
            while (System.nanoTime() < deadline) {
                try (ResultSet r = s.executeQuery(
                        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE user <> 'root' AND command = 'Query'"
                                + " AND info LIKE 'update `token`%' AND time_ms > 300")) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the cast never waited for its card: " + (cast.isDone()
                ? cast.handle((r, e) -> r + " " + e).get() : "still running, " + processes() + " at "
                        + java.util.Arrays.toString(worker.getStackTrace())));
    }

    private String processes() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection root = RootDatabase.open(server, SCRATCH); Statement s = root.createStatement();
                ResultSet r = s.executeQuery("SELECT user, command, state, info FROM information_schema.PROCESSLIST")) {
            while (r.next()) {
                out.append(r.getString(1)).append('/').append(r.getString(2)).append('/').append(r.getString(3))
                        .append('/').append(r.getString(4)).append("; ");
            }
        }
        return out.toString();
    }

    private long deadlocks() throws SQLException {
        try (Connection root = RootDatabase.open(server, SCRATCH); Statement s = root.createStatement();
                ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")) {
            r.next();
            return r.getLong(2);
        }
    }
}
