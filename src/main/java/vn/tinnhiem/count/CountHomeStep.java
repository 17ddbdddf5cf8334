package vn.tinnhiem.count;

import java.util.List;
import vn.tinnhiem.shared.Permission;

/**
 * The count's part of a conference's home card for the signed-in person ({@link CountPermissions#home}): the next
 * step in their words (a message key and its arguments: the organiser's or the board's wording), and which links
 * the card offers.
 */
public record CountHomeStep(String nextKey, List<Object> nextArgs, Permission minutes, Permission projector) {

    public CountHomeStep {
        nextArgs = List.copyOf(nextArgs);
    }
}
