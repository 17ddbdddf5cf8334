package vn.tinnhiem.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.BALLOT;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.ClusterNodes;
import vn.tinnhiem.support.GaleraCluster;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.token.TokenService;

/**
 * The writer node killed (kill -9) while eight tablets cast through the real VotingService on the cluster, the
 * application reaching it through the sequential URL (one writer, hot standbys: docs and issue 19). What a voter
 * and the tally board must be able to rely on:
 * <ul>
 * <li>every ballot a tablet showed as recorded is in the box exactly once, no card is spent without its ballot and
 * none has two;</li>
 * <li>a cast that failed said so honestly ("try again" or "busy", never an error page), and its card casts again:
 * at the end every card is spent and every one has its ballot;</li>
 * <li>the application serves again from node 2 (a cast recorded after the kill, the connections on node 2);</li>
 * <li>node 1, started again with its recovered position, rejoins by incremental transfer (IST, not a full copy)
 * and holds the same ballots;</li>
 * <li>no failback, so never two writers: after the rejoin the running application still casts on node 2, and an
 * instance started then (a JVM of its own) lands on node 2 too, since the rejoined node refuses application
 * queries until the operator lets it serve.</li>
 * </ul>
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
@org.junit.jupiter.api.Order(1)
class CastingFailoverClusterTests {

    private static final int CARDS = 120;
    private static final int TABLETS = 8;
    private static final int KILL_AFTER = 30;
    private static final long GIVE_UP_MILLIS = 90_000;

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
    DataSource dataSource;
    @Autowired
    Environment environment;

    @Test
    void killing_the_writer_node_mid_burst_loses_no_recorded_ballot_and_the_next_node_takes_the_casts() throws Exception {
        GaleraCluster cluster = GaleraCluster.shared();
        ClusterNodes nodes = new ClusterNodes(cluster);
        nodes.awaitAllSynced();
        VotingConferences.Open conf = new VotingConferences(elections, accounts, ceremonies, tokens)
                .open(3, BallotKind.THREE_LEVEL, CARDS, 0);
        assertThat(nodes.nodesOfPool(dataSource, poolSize())).as("the application writes to the first node of the"
                + " sequential URL, every connection").isEqualTo(Map.of(1, poolSize()));

        TestTablet tablet = new TestTablet(voting, ceremonies);
        FailoverBurst.Result burst;
        long logFrom;
        SoftAssertions soft = new SoftAssertions();
        try {
            burst = new FailoverBurst(voting, tablet, conf.id())
                    .run(conf.activated(), TABLETS, KILL_AFTER, () -> cluster.kill(1), GIVE_UP_MILLIS);
            soft.assertThat(burst.actedAtNanos()).as("node 1 was killed during the burst").isLessThan(burst.endNanos());

            // Every call answered: none threw (a tablet would show "something unexpected went wrong").
            soft.assertThat(burst.threw().stream().map(a -> a.step() + ": " + a.answer()).toList())
                    .as("calls that threw instead of answering").isEmpty();
            Map<String, Integer> answers = new HashMap<>();
            burst.attempts().forEach(a -> answers.merge(a.step() + " " + a.answer(), 1, Integer::sum));
            soft.assertThat(burst.attempts().stream().filter(a -> !(a.recorded() || a.answer().equals("ADMITTED")
                    || a.answer().equals("ACCEPTED") || FailoverBurst.tryAgain(a.answer())
                    || a.answer().equals(VotingService.ALREADY_USED))).map(FailoverBurst.Attempt::answer).distinct())
                    .as("answers other than recorded, admitted/accepted, try again or busy (all: %s)", answers).isEmpty();

            // The box: what was shown as recorded, once each; every ballot belongs to one card's attempt.
            List<String> box = box(conf.id().value());
            soft.assertThat(box).as("no ballot twice").doesNotHaveDuplicates();
            soft.assertThat(box).as("every ballot shown as recorded is in the box")
                    .containsAll(burst.recorded().values());
            Map<String, String> cardOfCode = new HashMap<>();
            burst.attempts().stream().filter(a -> a.trackingCode() != null)
                    .forEach(a -> cardOfCode.put(a.trackingCode(), a.card()));
            Map<String, Integer> ballotsPerCard = new HashMap<>();
            for (String code : box) {
                soft.assertThat(cardOfCode).as("a ballot in the box that no tablet sent").containsKey(code);
                ballotsPerCard.merge(cardOfCode.get(code), 1, Integer::sum);
            }
            soft.assertThat(ballotsPerCard.values()).as("no card with two ballots").allMatch(n -> n == 1);

            // A card told "already used" after "try again": the first try did commit; its ballot is in the box.
            List<String> alreadyUsed = burst.finalAnswers().entrySet().stream()
                    .filter(e -> e.getValue().equals(VotingService.ALREADY_USED)).map(Map.Entry::getKey).toList();
            soft.assertThat(alreadyUsed).as("cards read as already used have their ballot in the box")
                    .allMatch(ballotsPerCard::containsKey);
            soft.assertThat(burst.finalAnswers()).as("every voter finished").hasSize(CARDS);
            soft.assertThat(burst.recorded().size() + alreadyUsed.size()).as("every card recorded in the end").isEqualTo(CARDS);
            soft.assertThat(box).hasSize(CARDS);
            soft.assertThat(tokens.counts(conf.id()).spent()).as("cards spent == ballots in the box").isEqualTo(box.size());
            soft.assertThat(tokens.counts(conf.id()).activated()).isZero();

            // Served from node 2 now.
            var failover = burst.millisToFirstRecordedAfterAction();
            soft.assertThat(failover).as("a cast begun after the kill was recorded").isPresent();
            soft.assertThat(nodes.nodesOfPool(dataSource, poolSize())).as("every connection of the pool on node 2")
                    .isEqualTo(Map.of(2, poolSize()));

            long triedAgain = burst.attempts().stream().filter(a -> FailoverBurst.tryAgain(a.answer())).count();
            long recordedBeforeKill = burst.attempts().stream()
                    .filter(a -> a.recorded() && a.endNanos() < burst.actedAtNanos()).count();
            System.out.printf("FAILOVER cards=%d tablets=%d recorded before the kill=%d; kill -9 of node 1 -> first"
                    + " ballot recorded on node 2 after %d ms; answers %s; 'try again'/busy answers=%d; already used"
                    + " after try again=%d; ballots lost=%d; voter's turn %s%n", CARDS, TABLETS, recordedBeforeKill,
                    failover.isPresent() ? failover.getAsLong() : -1, answers, triedAgain, alreadyUsed.size(),
                    burst.recorded().size() - intersection(box, burst.recorded().values()),
                    FailoverBurst.summary(burst.turnMillis()));
        } finally {
            logFrom = nodes.errorLogSize(1);
            if (!"Synced".equals(safeState(cluster, 1))) {
                long rejoin = System.nanoTime();
                cluster.rejoin(1);
                System.out.printf("FAILOVER rejoin of node 1: %d ms to Synced%n", (System.nanoTime() - rejoin) / 1_000_000);
            }
        }

        try {
            // Node 1 is back, by incremental transfer, with the same ballots.
            nodes.awaitAllSynced();
            soft.assertThat(cluster.clusterSize(1)).isEqualTo(3);
            soft.assertThat(nodes.joinedByIncrementalTransfer(1, logFrom)).as("node 1's log after the rejoin: %s",
                    nodes.stateTransferLines(1, logFrom)).isTrue();
            // No failback, no second writer: the running application stays on node 2 and casts there, and an
            // instance started now lands on node 2 too (the rejoined node refuses application queries until the
            // operator lets it serve, after a planned restart of every instance: kiosk-setup/galera.md).
            soft.assertThat(nodes.nodesOfPool(dataSource, poolSize())).as("after the rejoin the running application"
                    + " still writes to node 2 only").isEqualTo(Map.of(2, poolSize()));
            VotingConferences.Open after = new VotingConferences(elections, accounts, ceremonies, tokens)
                    .open(3, BallotKind.THREE_LEVEL, 1, 0);
            soft.assertThat(tablet.vote("after-rejoin", after.id(), after.activated().getFirst(), TestTablet.blank(3)))
                    .as("a cast after the rejoin").isInstanceOf(CastOutcome.Recorded.class);
            soft.assertThat(nodes.nodesOfPool(dataSource, poolSize())).as("the pool after that cast")
                    .isEqualTo(Map.of(2, poolSize()));
            String url = environment.getProperty("spring.datasource.url");
            soft.assertThat(nodes.nodeOfFreshJvm(url)).as("where an instance started after the rejoin writes (%s)", url)
                    .isEqualTo(2);
            // The operator lets node 1 serve again (after the planned restart); every node holds the same ballots.
            cluster.serve(1);
            String database = db.fetchValue("select database()").toString();
            for (int node = 1; node <= 3; node++) {
                soft.assertThat(nodes.ballots(node, database, conf.id().value())).as("ballots on node %d", node).isEqualTo(CARDS);
            }
            soft.assertAll();
        } finally {
            // For the tests after this one (and if a check above threw): node 1 serves again; this JVM's pool
            // stays where it is.
            cluster.serve(1);
        }
    }

    private int poolSize() throws java.sql.SQLException {
        return dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
    }

    private List<String> box(long electionId) {
        return db.select(BALLOT.SEALED).from(BALLOT).where(BALLOT.ELECTION_ID.eq(electionId))
                .fetch(r -> SealedBallot.of(r.value1()).trackingCode());
    }

    private static int intersection(List<String> box, java.util.Collection<String> shown) {
        Set<String> in = new HashSet<>(box);
        return (int) shown.stream().filter(in::contains).count();
    }

    private static String safeState(GaleraCluster cluster, int node) {
        try {
            return cluster.state(node);
        } catch (RuntimeException e) {
            return "unknown: " + e.getMessage();
        }
    }

}
