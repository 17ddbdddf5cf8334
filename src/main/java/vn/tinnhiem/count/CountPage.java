package vn.tinnhiem.count;

import vn.tinnhiem.shared.Permission;

/**
 * What the count's screen shows and offers the signed-in person now ({@link CountPermissions#page}). The screen
 * renders it and re-derives nothing; each service still checks again when the step is taken.
 *
 * @param view the screen itself: the organiser, or a teller on this conference's board
 * @param pollsOpened the polls have opened: the close's figures are there to show
 * @param pollsClosed the polls are closed: the box, the unsealing and the results follow
 * @param close closing the polls
 * @param checkBox checking the ballot box
 * @param unseal reading a teller's card or importing a partial decryption
 * @param finish finishing the count with the cards accepted so far
 */
public record CountPage(Permission view, boolean pollsOpened, boolean pollsClosed, Permission close,
        Permission checkBox, Permission unseal, Permission finish) {
}
