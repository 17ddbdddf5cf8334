package vn.tinnhiem.election;

/**
 * The regulation a conference counts under, and what its percentages are taken of. The older
 * Resolution 85/2014 divided by the number of members, not by the ballots returned.
 */
public enum RuleSet {
    QD_96_2023(Denominator.BALLOTS_RETURNED),
    NQ_96_2023(Denominator.BALLOTS_RETURNED),
    NQ_85_2014(Denominator.MEMBERS);

    public enum Denominator {
        BALLOTS_RETURNED, MEMBERS
    }

    private final Denominator denominator;

    RuleSet(Denominator denominator) {
        this.denominator = denominator;
    }

    public Denominator denominator() {
        return denominator;
    }
}
