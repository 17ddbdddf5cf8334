package vn.tinnhiem.election.internal;

import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;

/** --tinnhiem.demo=true: creates each kind of demo conference on start, once (not again if it exists). */
@Component
@Order(10)
@ConditionalOnProperty(name = "tinnhiem.demo", havingValue = "true")
class DemoOnStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoOnStart.class);
    private final Elections elections;

    DemoOnStart(Elections elections) {
        this.elections = elections;
    }

    @Override
    public void run(ApplicationArguments args) {
        // The service requires an ADMIN; at start-up the system acts as one, and the audit log says "system".
        var system = new UsernamePasswordAuthenticationToken("system", null,
                List.of(new SimpleGrantedAuthority(Roles.authority(Roles.ADMIN))));
        SecurityContextHolder.getContext().setAuthentication(system);
        try {
            for (DemoKind kind : DemoKind.values()) {
                String title = DemoConference.build(kind, LocalDate.EPOCH).details().title();
                if (elections.list().stream().noneMatch(e -> e.title().equals(title))) {
                    ElectionId id = elections.createDemo(kind);
                    log.info("Demo conference {} created (id {})", kind, id);
                }
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
