package vn.tinnhiem.election;

import java.util.List;

import vn.tinnhiem.shared.Permission;
import vn.tinnhiem.shared.Refusal;

/**
 * What the signed-in person may do on a conference's status screen now ({@link Lifecycle#steps}): go to the key
 * ceremony's or the count's screen, and each lifecycle step taken there (closing and counting are the count
 * screen's), with who takes it and what it still misses.
 *
 * @param toCeremony the organiser, once the lists are fixed: the key ceremony is next
 * @param toCount once the polls have opened: closing and the count are the count module's screen
 * @param last no step follows the conference's status (it is counted)
 * @param steps the steps from the present status, in lifecycle order
 */
public record LifecycleSteps(Permission toCeremony, Permission toCount, boolean last, List<Step> steps) {

    public LifecycleSteps {
        steps = List.copyOf(steps);
    }

    /** How a step is confirmed before it is taken. */
    public enum Confirmation {
        /** Taken on the tap. */
        NONE,
        /** Asked once: the organiser's steps. */
        PLAIN,
        /** Opening the polls cannot be taken back: asked, and told when it is before the announced hour. */
        OPENING
    }

    /**
     * One step. {@code permission} is this person's: {@linkplain Permission#notYours() not theirs} when the step
     * is another role's (then {@code byWhom}, a message key, names that role and {@code missing} what the step
     * still lacks), refused for now with its reasons, or allowed.
     *
     * @param forward the step moves the conference on (not back to an earlier status)
     */
    public record Step(ElectionStatus target, Permission permission, String byWhom, List<Refusal> missing,
            boolean forward, Confirmation confirmation) {

        public Step {
            missing = List.copyOf(missing);
        }
    }
}
