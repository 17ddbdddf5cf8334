package vn.tinnhiem.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.security.test.context.support.WithMockUser;

import com.zaxxer.hikari.HikariDataSource;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.shared.database.DatabaseBusyException;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.ClusterNodes;
import vn.tinnhiem.support.GaleraCluster;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.SecondInstance;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.voting.CastOutcome;
import vn.tinnhiem.voting.TestTablet;
import vn.tinnhiem.voting.VotingService;

/**
 * The close against casts in the supported topology on the cluster: two application instances, both through the
 * sequential URL, so both write to the first live node. The tablets cast through the second instance while the
 * teller closes the polls through the first. The close must freeze exactly the ballots that committed before it
 * (cards spent, the POLLS_CLOSED digest of the tracking codes, the box check) and nothing may commit after it.
 * Across two writing nodes this does not hold (issue 19: 16 casts after the close in 200 rounds), which is why
 * both instances must be on one node: the test checks that first.
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class CloseRaceTwoInstancesClusterTests {

    private static final int ROUNDS = 6;
    private static final int TABLETS = 6;
    private static final int CARDS = 30;

    private final AtomicInteger closePressedAgain = new AtomicInteger();

    @Autowired
    Environment environment;
    @Autowired
    DataSource dataSource;
    @Autowired
    PollsClose pollsClose;
    @Autowired
    BoxCheck boxCheck;
    @Autowired
    BallotTracking ballotTracking;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;
    @Autowired
    CeremonyService ceremonies;
    @Autowired
    TokenService tokens;
    @Autowired
    VotingService voting;

    @Test
    void a_close_through_one_instance_among_tablets_of_the_other_freezes_exactly_the_ballots_committed_before_it()
            throws Exception {
        ConfigurableApplicationContext second = SecondInstance.of(environment);
        ClusterNodes nodes = new ClusterNodes(GaleraCluster.shared());
        Map<Integer, Integer> first = nodes.nodesOfPool(dataSource, poolSize(dataSource));
        DataSource standbyPool = second.getBean(DataSource.class);
        Map<Integer, Integer> other = nodes.nodesOfPool(standbyPool, poolSize(standbyPool));
        assertThat(first).as("the first instance's connections on one node").hasSize(1);
        assertThat(other.keySet()).as("the second instance's connections on the first's node (one writer)")
                .isEqualTo(first.keySet());
        race(second);
    }

    /**
     * The unsupported topology, as a sequential URL's failback or a misconfigured standby would make it: the
     * second instance writes through another node than the first. Locks are local to a node, so only the open
     * gate (V20) orders the casts against the close, through Galera's certification; the close must still be
     * exact (without the gate, 16 casts committed after the close in 200 rounds and 31 were missed).
     */
    @Test
    void a_close_through_one_node_among_tablets_writing_through_another_node_is_still_exact() throws Exception {
        GaleraCluster cluster = GaleraCluster.shared();
        ClusterNodes nodes = new ClusterNodes(cluster);
        Map<Integer, Integer> first = nodes.nodesOfPool(dataSource, poolSize(dataSource));
        assertThat(first).as("the first instance's connections on one node").hasSize(1);
        int writer = first.keySet().iterator().next();
        int another = writer % 3 + 1;
        String database;
        try (var c = dataSource.getConnection()) {
            database = c.getCatalog();
        }
        ConfigurableApplicationContext second = SecondInstance.of(environment, cluster.nodeUrl(another, database));
        DataSource standbyPool = second.getBean(DataSource.class);
        assertThat(nodes.nodesOfPool(standbyPool, poolSize(standbyPool)).keySet())
                .as("the second instance's connections on another node (two writers)").containsExactly(another);
        race(second);
    }

    private static int poolSize(DataSource pool) throws Exception {
        return pool.unwrap(HikariDataSource.class).getMaximumPoolSize();
    }

    private void race(ConfigurableApplicationContext second) throws Exception {
        VotingService standby = second.getBean(VotingService.class);
        TestTablet tablet = new TestTablet(standby, second.getBean(CeremonyService.class));
        List<String> mismatches = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(TABLETS + 1);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String mismatch = round(pool, tablet, standby, round);
                if (mismatch != null) {
                    mismatches.add(mismatch);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mismatches).as("rounds whose close did not freeze exactly the box, of " + ROUNDS).isEmpty();
        System.out.println("Close race through " + (ROUNDS) + " rounds: the close was pressed again "
                + closePressedAgain.get() + " times after 'busy'");
    }

    private String round(ExecutorService pool, TestTablet tablet, VotingService standby, int round) throws Exception {
        var conf = new CountConferences(elections, accounts, ceremonies, tokens, voting)
                .cast(2, CARDS, CARDS, 0, CARDS, (v, c) -> 0);
        int candidates = standby.form(conf.id()).orElseThrow().candidates().size();
        tablet.manifest(conf.id());
        ConcurrentLinkedQueue<String> cards = new ConcurrentLinkedQueue<>(conf.unused());
        ConcurrentLinkedQueue<String> recorded = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        List<String> otherAnswers = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> casting = new ArrayList<>();
        for (int t = 0; t < TABLETS; t++) {
            String kiosk = "standby-race-" + round + "-" + t;
            casting.add(pool.submit(() -> {
                start.await();
                for (String card = cards.poll(); card != null; card = cards.poll()) {
                    int[] marks = TestTablet.blank(candidates);
                    marks[0] = 1;
                    CastOutcome outcome = tablet.vote(kiosk, conf.id(), card, marks);
                    if (outcome instanceof CastOutcome.Recorded r) {
                        recorded.add(r.trackingCode());
                    } else if (outcome instanceof CastOutcome.Refused r
                            && r.reasonKey().equals(VotingService.POLLS_NOT_OPEN)) {
                        refused.incrementAndGet();
                    } else {
                        otherAnswers.add(outcome.toString());
                    }
                }
                return null;
            }));
        }
        // The close after a varying share of the casts.
        int closeAfter = 3 + (round * 5) % (CARDS - 6);
        Future<ClosingFigures> close = pool.submit(() -> {
            start.await();
            while (recorded.size() < closeAfter) {
                Thread.onSpinWait();
            }
            try (var teller = Acting.as(conf.tellers().getFirst(), "TELLER")) {
                // Through two writers a close that meets casts in flight on the other node is told "busy" (its
                // retries lost to them); the teller presses again, as at the desk.
                for (int press = 1; ; press++) {
                    try {
                        return pollsClose.close(conf.id());
                    } catch (DatabaseBusyException busy) {
                        closePressedAgain.incrementAndGet();
                        if (press == 50) {
                            throw busy;
                        }
                    }
                }
            }
        });
        start.countDown();
        ClosingFigures frozen = close.get(2, TimeUnit.MINUTES);
        for (Future<?> f : casting) {
            f.get(2, TimeUnit.MINUTES);
        }
        assertThat(otherAnswers).as("every cast recorded or refused as after the close").isEmpty();
        return FrozenBox.mismatch(round, conf, frozen, recorded, refused.get(), CARDS, elections, boxCheck,
                ballotTracking);
    }
}
