package vn.tinnhiem.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sealer's group operations must not depend on the vote: the same additions, into the same
 * accumulators, in the same order, whatever the choices. The test hook records the target of
 * every point addition the sealer queues and every batch flush (BatchAffine.log).
 */
class ConstantFlowSealerTests {
    private static Fixtures.Election three;
    private static Fixtures.Election two;

    @BeforeAll
    static void setUp() {
        three = Fixtures.election("flow3", 4, BallotKind.THREE_LEVEL, 2, 3, new SeededRandom("flow3"));
        two = Fixtures.election("flow2", 3, BallotKind.TWO_LEVEL, 2, 3, new SeededRandom("flow2"));
    }

    @AfterAll
    static void tearDown() {
        three.dealing().destroy();
        two.dealing().destroy();
    }

    private static List<Integer> trace(Fixtures.Election e, String seed, int... choices) {
        List<Integer> ops = new ArrayList<>();
        SealedBallot b = new BallotSealer(e.ctx(), new SeededRandom(seed), ops::add).seal(choices);
        assertTrue(new BallotVerifier(e.ctx(), new SeededRandom("v")).verify(b).ok());
        return ops;
    }

    @Test
    void every_vote_of_a_layout_runs_the_same_group_operations() {
        List<Integer> reference = trace(three, "flow", 0, 0, 0, 0);
        assertTrue(reference.size() > 1000, "the hook saw the sealer's additions");
        int[][] others = {{2, 2, 2, 2}, {-1, -1, -1, -1}, {1, -1, 2, 0}, {-1, 2, 0, 1}};
        for (int[] choices : others) {
            assertEquals(reference, trace(three, "flow", choices.clone()), java.util.Arrays.toString(choices));
        }
    }

    @Test
    void the_operations_do_not_depend_on_the_random_values_either() {
        // The nonces are secret too (and hedged with the votes): their bytes must not change the
        // sequence of additions (no table digit is skipped).
        List<Integer> reference = trace(two, "seed one", 0, 1, -1);
        for (String seed : List.of("seed two", "seed three", "seed four")) {
            assertEquals(reference, trace(two, seed, 1, -1, 0), seed);
        }
    }
}
