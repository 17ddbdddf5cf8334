package vn.tinnhiem.election.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import vn.tinnhiem.audit.SupervisedConferences;
import vn.tinnhiem.shared.ElectionId;

/** Tells the audit log which conferences a supervisor is named for, so it shows them those entries only. */
@Component
class SupervisorsForTheLog implements SupervisedConferences {

    private final ElectionRepository repository;

    SupervisorsForTheLog(ElectionRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<Long> namedFor(String username) {
        return repository.supervisedBy(username).stream().map(ElectionId::value).toList();
    }
}
