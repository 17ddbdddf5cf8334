package vn.tinnhiem.election;

import java.util.List;

/**
 * A page of the roll at the desk (the voters whose name matches), how many match, and the conference's
 * figures: voters on the roll and how many of them are ticked present.
 */
public record DeskRoll(List<RollEntry> entries, int matching, int onRoll, int present) {

    public DeskRoll {
        entries = List.copyOf(entries);
    }
}
