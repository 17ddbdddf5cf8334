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
import vn.tinnhiem.election.ElectionService;
import vn.tinnhiem.shared.database.EmbeddedMariaDb;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.RootDatabase;
import vn.tinnhiem.token.TokenService;

/**
 * A cast that loses a real deadlock on its first attempt (InnoDB's 1213, what Galera's certification failure
 * also says at commit) is run again and recorded: one ballot in the box, one card spent, the voter told
 * "recorded". The deadlock is made with a root connection that locks the conference's cards, waits until the
 * cast waits on them, and then asks for the conference row the cast holds shared: the opposite order.
 */
@IntegrationTest
@Tag("embedded-server")
@WithMockUser(username = "organiser", roles = "ADMIN")
class CastRetryIntegrationTests {

    private static final String SCRATCH = "tinnhiem_retry_scratch";

    @Autowired
    VotingService voting;
    @Autowired
    ElectionService elections;
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

        CastOutcome outcome;
        try (Connection root = RootDatabase.open(server, RootDatabase.appDatabase(app));
                Statement s = root.createStatement()) {
            // Heavier than the cast (300 rows written), so InnoDB picks the cast as the deadlock's victim.
            s.execute("CREATE TABLE IF NOT EXISTS " + SCRATCH + ".filler (id INT PRIMARY KEY) ENGINE=InnoDB");
            s.execute("DELETE FROM " + SCRATCH + ".filler");
            for (int i = 1; i <= 300; i++) {
                s.addBatch("INSERT INTO " + SCRATCH + ".filler VALUES (" + i + ")");
            }
            s.executeBatch();
            s.executeQuery("SELECT state FROM token WHERE election_id = " + conf.id() + " FOR UPDATE").close();

            // A thread of its own: the common pool may be busy (two cores).
            CompletableFuture<CastOutcome> cast = CompletableFuture.supplyAsync(
                    () -> tablet.castCommitted(kiosk, conf.id(), card, commitment), Executors.newSingleThreadExecutor());
            awaitLockWait(cast);
            // The cast holds the conference row shared and waits for its card: asking for the row closes the cycle.
            s.executeQuery("SELECT id FROM election WHERE id = " + conf.id() + " FOR UPDATE").close();
            root.rollback();
            outcome = cast.get(60, TimeUnit.SECONDS);
        }

        assertThat(deadlocks()).as("the cast's first attempt lost a deadlock").isGreaterThan(deadlocksBefore);
        assertThat(outcome).isEqualTo(new CastOutcome.Recorded(sealed.trackingCode()));
        assertThat(db.fetchCount(BALLOT, BALLOT.ELECTION_ID.eq(conf.id()))).isEqualTo(1);
        assertThat(tokens.counts(conf.id()).spent()).isEqualTo(1);
        assertThat(tablet.castCommitted(kiosk, conf.id(), card, commitment))
                .isEqualTo(new CastOutcome.Refused(VotingService.ALREADY_USED));
    }

    /** Until a transaction of the application waits for a lock (the cast on its card). */
    private void awaitLockWait(CompletableFuture<?> cast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection watcher = RootDatabase.open(server, SCRATCH); Statement s = watcher.createStatement()) {
            watcher.setAutoCommit(true);
            while (System.nanoTime() < deadline) {
                try (ResultSet r = s.executeQuery(
                        "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the cast never waited for its card: " + (cast.isDone()
                ? cast.handle((r, e) -> r + " " + e).get() : "still running, " + processes()));
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
