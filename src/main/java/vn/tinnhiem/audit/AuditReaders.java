package vn.tinnhiem.audit;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import vn.tinnhiem.audit.internal.AuditScope;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.Roles;

/**
 * Who reads the log and so what they see. The organiser and the tally board: the whole log (a teller's
 * live page shows the conference's newest entries, names and all, as before). A supervisor: only the
 * entries of the conferences they are named for, with names hidden; named for none, nothing. The
 * server's own reader of the live figures reads the whole log; each page hides names for its viewer.
 */
@Component
class AuditReaders {

    private final ObjectProvider<SupervisedConferences> supervised;

    AuditReaders(ObjectProvider<SupervisedConferences> supervised) {
        this.supervised = supervised;
    }

    AuditScope current() {
        if (CurrentStaff.hasRole(Roles.ADMIN) || CurrentStaff.hasRole(Roles.TELLER) || CurrentStaff.isSystemReader()) {
            return AuditScope.WHOLE_LOG;
        }
        List<Long> mine = CurrentStaff.username()
                .map(name -> supervised.getIfAvailable(() -> n -> List.of()).namedFor(name)).orElse(List.of());
        return AuditScope.conferencesWithoutNames(mine);
    }
}
