package vn.tinnhiem.audit;

import java.util.List;

/**
 * The conferences a SUPERVISOR account is named for, which bound what the log shows them. The election
 * module knows (it depends on this one, so it provides this rather than being asked by name).
 */
@FunctionalInterface
public interface SupervisedConferences {

    /** The ids of the conferences the account is named for; empty for none. Called inside a transaction. */
    List<Long> namedFor(String username);
}
