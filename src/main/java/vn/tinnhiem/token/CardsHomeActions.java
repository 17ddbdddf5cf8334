package vn.tinnhiem.token;

import vn.tinnhiem.shared.Permission;

/**
 * The cards' part of a conference's home card for the signed-in person ({@link DeskPermissions#home}).
 *
 * @param desk the way to the desk (the board's; the organiser may look): shown once the lists are fixed and while
 *     the polls are open
 * @param print the cards to print: the organiser's
 * @param printNext printing is the organiser's next step: the lists are fixed and no card is printed yet
 */
public record CardsHomeActions(Permission desk, Permission print, boolean printNext) {
}
