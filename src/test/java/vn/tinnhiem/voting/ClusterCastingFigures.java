package vn.tinnhiem.voting;

import static vn.tinnhiem.db.Tables.BALLOT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import vn.tinnhiem.TinNhiemApplication;
import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.ClusterNodes;
import vn.tinnhiem.support.GaleraCluster;
import vn.tinnhiem.token.TokenService;

/**
 * The figures of docs/performance.md, "Casting on the Galera cluster" (a harness that prints, not a test):
 * in one run, the same casting burst through the real VotingService on the embedded server and on the
 * three-node test cluster (the sequential URL, one writer), then the failover: node 1 killed with kill -9
 * in a burst, the time from the kill to the first ballot recorded on node 2, the ballots shown as recorded
 * and missing from the box (must be 0), and node 1's rejoin (time, IST or SST). Run with
 * {@code .ci/bench cluster [ballots] [tablets] [candidates]}; the cluster is the one GaleraCluster.shared() gives
 * ({@code -Dtinnhiem.test.galera.base-port}, {@code -Dtinnhiem.test.galera.dir}), started if not running.
 */
public final class ClusterCastingFigures {

    private ClusterCastingFigures() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        int ballots = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int tablets = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int candidates = args.length > 2 ? Integer.parseInt(args[2]) : 13;
        Path work = Files.createDirectories(Path.of("target", "bench-cluster"));
        List<String> lines = new ArrayList<>();

        // The embedded server (the hall's one laptop), on its own folder under target/.
        List<String> embedded = new ArrayList<>(common(work));
        embedded.addAll(List.of("--tinnhiem.db.data-dir=" + work.resolve("embedded-db"), "--tinnhiem.db.port=0",
                "--tinnhiem.db.name=tinnhiem_bench"));
        try (ConfigurableApplicationContext app = start(embedded)) {
            lines.add(burst("embedded server", app, ballots, tablets, candidates));
        }

        GaleraCluster cluster = GaleraCluster.shared();
        ClusterNodes nodes = new ClusterNodes(cluster);
        nodes.awaitAllSynced();
        List<String> galera = new ArrayList<>(common(work));
        galera.addAll(List.of("--spring.datasource.url=" + cluster.url("tinnhiem"),
                "--spring.datasource.username=" + cluster.appUser(),
                "--spring.datasource.password=" + cluster.appPassword(),
                "--spring.flyway.user=" + cluster.ownerUser(), "--spring.flyway.password=" + cluster.ownerPassword()));
        try (ConfigurableApplicationContext app = start(galera)) {
            lines.add(burst("Galera, 3 nodes, sequential URL", app, ballots, tablets, candidates));
            lines.addAll(failover(app, cluster, nodes, ballots, tablets, candidates));
        }
        System.out.println();
        System.out.printf("FIGURES %d ballots of %d candidates, %d tablets, cores=%d, load average at the end %s%n",
                ballots, candidates, tablets, Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        lines.forEach(l -> System.out.println("FIGURES " + l));
        System.exit(0);
    }

    private static List<String> common(Path work) {
        return List.of("--tinnhiem.keys.dir=" + work.resolve("keys"),
                "--tinnhiem.audit.anchor-file=" + work.resolve("anchors.txt"), "--tinnhiem.audit.anchor-cron=-",
                "--tinnhiem.desk.counts-cron=-", "--server.port=0",
                "--logging.level.root=WARN");
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplication(TinNhiemApplication.class).run(args.toArray(String[]::new));
    }

    private static VotingConferences.Open open(ConfigurableApplicationContext app, int cards, int candidates) {
        return new VotingConferences(ElectionServices.of(app), app.getBean(AccountService.class),
                app.getBean(CeremonyService.class), app.getBean(TokenService.class))
                .open(candidates, BallotKind.THREE_LEVEL, cards, 0);
    }

    /** Every tablet casting back to back: ballots per second and the voter's wait per card. */
    private static String burst(String where, ConfigurableApplicationContext app, int ballots, int tablets,
            int candidates) throws Exception {
        VotingConferences.Open conf = open(app, ballots, candidates);
        VotingService voting = app.getBean(VotingService.class);
        FailoverBurst.Result r = new FailoverBurst(voting, new TestTablet(voting, app.getBean(CeremonyService.class)),
                conf.id()).run(conf.activated(), tablets, Integer.MAX_VALUE, null, 600_000);
        int lost = lost(app, conf.id().value(), r);
        return String.format("%-34s %d recorded in %.1f s = %.0f ballots/s; scan+commit+cast per card %s; "
                + "not recorded %d; lost %d", where, r.recorded().size(), r.seconds(), r.recorded().size() / r.seconds(),
                FailoverBurst.summary(r.turnMillis()), ballots - r.recorded().size(), lost);
    }

    private static List<String> failover(ConfigurableApplicationContext app, GaleraCluster cluster, ClusterNodes nodes,
            int ballots, int tablets, int candidates) throws Exception {
        VotingConferences.Open conf = open(app, ballots, candidates);
        VotingService voting = app.getBean(VotingService.class);
        FailoverBurst.Result r = new FailoverBurst(voting, new TestTablet(voting, app.getBean(CeremonyService.class)),
                conf.id()).run(conf.activated(), tablets, ballots / 3, () -> cluster.kill(1), 180_000);
        long tryAgain = r.attempts().stream().filter(a -> FailoverBurst.tryAgain(a.answer())).count();
        List<String> out = new ArrayList<>();
        out.add(String.format("failover: kill -9 of node 1 after %d recorded; first ballot recorded on the next node"
                + " %s ms after the kill; %d recorded in all (%.1f s), 'try again'/busy answers %d, calls that threw %d;"
                + " lost %d; per card %s", ballots / 3,
                r.millisToFirstRecordedAfterAction().isPresent() ? r.millisToFirstRecordedAfterAction().getAsLong() : "-",
                r.recorded().size(), r.seconds(), tryAgain, r.threw().size(), lost(app, conf.id().value(), r),
                FailoverBurst.summary(r.turnMillis())));
        long from = nodes.errorLogSize(1);
        long t0 = System.nanoTime();
        cluster.rejoin(1);
        nodes.awaitAllSynced();
        long rejoin = (System.nanoTime() - t0) / 1_000_000;
        // The rejoined node refuses the applications' queries until told (kiosk-setup/galera.md): told here.
        cluster.serve(1);
        out.add(String.format("rejoin of node 1: Synced %d ms after the start, by %s", rejoin,
                nodes.joinedByIncrementalTransfer(1, from) ? "IST" : "SST or unknown: " + nodes.stateTransferLines(1, from)));
        return out;
    }

    /** Ballots shown as recorded that the box does not hold. */
    private static int lost(ConfigurableApplicationContext app, long electionId, FailoverBurst.Result r) {
        Set<String> box = new HashSet<>(app.getBean(DSLContext.class).select(BALLOT.SEALED).from(BALLOT)
                .where(BALLOT.ELECTION_ID.eq(electionId)).fetch(x -> SealedBallot.of(x.value1()).trackingCode()));
        return (int) r.recorded().values().stream().filter(c -> !box.contains(c)).count();
    }
}
