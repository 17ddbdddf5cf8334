package vn.tinnhiem.support;

import java.util.UUID;

import vn.tinnhiem.election.DemoKind;
import vn.tinnhiem.election.ElectionDetails;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.ElectionId;

/** Conferences for browser tests, each under its own title so tests can find theirs among the others. */
public final class Conferences {

    private Conferences() {
    }

    public static String uniqueTitle(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A demo conference renamed to the title, moved to the status (DRAFT or READY). */
    public static ElectionId demo(ElectionServices elections, DemoKind kind, String title, ElectionStatus status) {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            ElectionId id = elections.elections().createDemo(kind);
            ElectionDetails d = elections.elections().find(id).orElseThrow().details();
            elections.elections().updateDetails(id, new ElectionDetails(title, d.body(), d.place(), d.startsAt(), d.ballotKind(),
                    d.ruleSet()));
            if (status != ElectionStatus.DRAFT) {
                elections.lifecycle().moveTo(id, status);
            }
            return id;
        }
    }
}
