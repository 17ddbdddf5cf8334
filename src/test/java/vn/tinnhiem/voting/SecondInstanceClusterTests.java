package vn.tinnhiem.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tinnhiem.db.Tables.BALLOT;

import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.security.test.context.support.WithMockUser;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.crypto.SealedBallot;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.SecondInstance;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.support.IntegrationTest;

/**
 * Two instances of the application with one token key on the cluster (issue 19, part 3): a card printed and
 * activated through the first instance is a valid card at a tablet of the second (not "unknown", not counted
 * toward the tablet's wrong-code alarm), casts there, and the first then reads it as used, its ballot in the box.
 * (The refusal of an instance with another key is the one-key tests'.)
 */
@IntegrationTest
@WithMockUser(username = "organiser", roles = "ADMIN")
class SecondInstanceClusterTests {

    @Autowired
    Environment environment;
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

    @Test
    void a_card_activated_through_one_instance_casts_at_a_tablet_of_the_other() {
        VotingConferences.Open conf = new VotingConferences(elections, accounts, ceremonies, tokens)
                .open(3, BallotKind.THREE_LEVEL, 2, 1);
        ConfigurableApplicationContext second = SecondInstance.of(environment);
        VotingService standby = second.getBean(VotingService.class);
        String kiosk = "standby-" + conf.id();
        String card = conf.activated().getFirst();

        assertThat(standby.admit(kiosk, conf.id(), card)).as("the card at the second instance's tablet")
                .isEqualTo(new Admission.Admitted(false));
        assertThat(standby.admit(kiosk, conf.id(), conf.notActivated().getFirst()))
                .as("a printed card not handed over reads so there too, not as unknown")
                .isEqualTo(new Admission.Refused(VotingService.NOT_ACTIVATED));
        assertThat(standby.wrongCodeCounts()).as("no wrong code counted against the tablet").doesNotContainKey(kiosk);

        TestTablet tablet = new TestTablet(standby, second.getBean(CeremonyService.class));
        CastOutcome cast = tablet.vote(kiosk, conf.id(), card, new int[] {0, 1, TestTablet.BLANK});
        assertThat(cast).as("cast at the second instance").isInstanceOf(CastOutcome.Recorded.class);
        String code = ((CastOutcome.Recorded) cast).trackingCode();

        // The first instance sees the card used and the ballot in the box.
        assertThat(voting.admit("first-" + conf.id(), conf.id(), card))
                .isEqualTo(new Admission.Refused(VotingService.ALREADY_USED));
        List<String> box = db.select(BALLOT.SEALED).from(BALLOT).where(BALLOT.ELECTION_ID.eq(conf.id().value()))
                .fetch(r -> SealedBallot.of(r.value1()).trackingCode());
        assertThat(box).containsExactly(code);
        assertThat(tokens.counts(conf.id()).spent()).isEqualTo(1);
        // And the other card, activated through the first, still casts through the first.
        assertThat(new TestTablet(voting, ceremonies).vote("first-" + conf.id(), conf.id(), conf.activated().get(1),
                TestTablet.blank(3))).isInstanceOf(CastOutcome.Recorded.class);
    }
}
