package vn.tinnhiem.election.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.election.Election;
import vn.tinnhiem.election.Elections;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/** --tinnhiem.demo=true makes both demo conferences, and a restart makes no more. */
@IntegrationTest
class DemoOnStartIntegrationTests {

    @Autowired
    Elections elections;

    @Test
    void a_start_with_demos_makes_each_kind_once() {
        var onStart = new DemoOnStart(elections);
        onStart.run(null);
        long before = count();
        onStart.run(null);
        assertThat(count()).isEqualTo(before);
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            for (DemoKind kind : DemoKind.values()) {
                String title = DemoConference.build(kind, LocalDate.EPOCH).details().title();
                assertThat(elections.list()).extracting(Election::title).contains(title);
            }
        }
    }

    private long count() {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            return elections.list().size();
        }
    }
}
