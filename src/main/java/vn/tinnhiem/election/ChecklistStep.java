package vn.tinnhiem.election;

/**
 * The preparation steps of the district's plan, each due a number of days before (or after) the
 * conference. The message key is "checklist." + name.
 */
public enum ChecklistStep {
    SELF_REPORTS(-20),
    DOSSIERS_TO_VOTERS(-15),
    VOTER_QUESTIONS(-15),
    QUESTIONS_TO_CANDIDATES(-10),
    CANDIDATE_ANSWERS(-6),
    ANSWERS_TO_VOTERS(-4),
    TALLY_BOARD_AND_CARDS(-1),
    REPORT_RESULTS(3);

    private final int daysFromConference;

    ChecklistStep(int daysFromConference) {
        this.daysFromConference = daysFromConference;
    }

    public int daysFromConference() {
        return daysFromConference;
    }
}
