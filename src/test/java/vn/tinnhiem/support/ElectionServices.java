package vn.tinnhiem.support;

import org.springframework.beans.factory.BeanFactory;

import vn.tinnhiem.election.Candidates;
import vn.tinnhiem.election.Checklist;
import vn.tinnhiem.election.DeskPresence;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.election.Lifecycle;
import vn.tinnhiem.election.Milestones;
import vn.tinnhiem.election.OpenPolls;
import vn.tinnhiem.election.Supervisors;
import vn.tinnhiem.election.TallyBoard;
import vn.tinnhiem.election.VoterRoll;

/**
 * The election module's services in one value, for test fixtures that set a conference up from end to end
 * (details, candidates, roll, board, lifecycle) and are handed around between tests. Not a façade: a fixture
 * names the service it calls ({@code elections.lifecycle().moveTo(...)}). A bean in every integration test's
 * context ({@link IntegrationTest}); {@link #of} builds it from another instance's context.
 */
public record ElectionServices(Elections elections, Candidates candidates, VoterRoll voterRoll, TallyBoard tallyBoard,
        Supervisors supervisors, DeskPresence deskPresence, Checklist checklist, Lifecycle lifecycle,
        Milestones milestones, OpenPolls openPolls) {

    public static ElectionServices of(BeanFactory beans) {
        return new ElectionServices(beans.getBean(Elections.class), beans.getBean(Candidates.class),
                beans.getBean(VoterRoll.class), beans.getBean(TallyBoard.class), beans.getBean(Supervisors.class),
                beans.getBean(DeskPresence.class), beans.getBean(Checklist.class), beans.getBean(Lifecycle.class),
                beans.getBean(Milestones.class), beans.getBean(OpenPolls.class));
    }
}
