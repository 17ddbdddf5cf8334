package vn.tinnhiem.election;

import java.util.List;

import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.Refusal;

/** A status change refused, with every reason, not just the first. */
public class LifecycleRefusedException extends UserFacingException {

    private final List<Refusal> refusals;

    public LifecycleRefusedException(List<Refusal> refusals) {
        super(refusals.get(0).key(), refusals.get(0).args().toArray());
        this.refusals = List.copyOf(refusals);
    }

    public List<Refusal> refusals() {
        return refusals;
    }
}
