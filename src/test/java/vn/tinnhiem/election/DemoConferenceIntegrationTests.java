package vn.tinnhiem.election;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/** Both demo conferences are complete enough to lock, and the commune one is a People's Council's. */
@IntegrationTest
class DemoConferenceIntegrationTests {

    @Autowired
    Elections elections;
    @Autowired
    Candidates candidates;
    @Autowired
    VoterRoll voterRoll;
    @Autowired
    Lifecycle lifecycle;

    @ParameterizedTest
    @EnumSource(DemoKind.class)
    void each_demo_conference_can_be_made_ready(DemoKind kind) {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            ElectionId id = elections.createDemo(kind);
            assertThat(lifecycle.refusalsFor(id, ElectionStatus.READY)).isEmpty();
            lifecycle.moveTo(id, ElectionStatus.READY);
            assertThat(elections.find(id).orElseThrow().status()).isEqualTo(ElectionStatus.READY);
        }
    }

    @Test
    void the_commune_demo_is_a_peoples_council_voting_under_resolution_96_2023() {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            ElectionId id = elections.createDemo(DemoKind.COMMUNE_COUNCIL);
            Election demo = elections.find(id).orElseThrow();
            assertThat(demo.details().body()).startsWith("Hội đồng nhân dân xã");
            assertThat(demo.details().ruleSet()).isEqualTo(RuleSet.NQ_96_2023);
            assertThat(demo.title()).contains("Nghị quyết 96/2023/QH15").endsWith("(dữ liệu mẫu)");
            assertThat(candidates.list(id)).extracting(Candidate::jobTitle)
                    .contains("Chủ tịch Hội đồng nhân dân xã", "Chủ tịch Ủy ban nhân dân xã")
                    .noneMatch(t -> t.contains("huyện"));
            assertThat(voterRoll.voters(id)).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.jobTitle()).isEqualTo("Đại biểu Hội đồng nhân dân xã"));

            Election district = elections.find(elections.createDemo(DemoKind.DISTRICT_COMMITTEE)).orElseThrow();
            assertThat(district.details().ruleSet()).isEqualTo(RuleSet.QD_96_2023);
            assertThat(district.details().body()).contains("huyện");
        }
    }
}
