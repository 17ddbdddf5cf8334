package vn.tinnhiem.token;

import vn.tinnhiem.shared.Permission;

/**
 * What the desk offers the signed-in person now ({@link DeskPermissions#desk}): the screen renders it and
 * re-derives nothing; the services check again on each tick and each card.
 *
 * @param pollsOpen the polls are open (the status badge says so)
 * @param presence ticking a voter present or taking a tick back: a teller of this board, once the lists are fixed
 * @param cards activating, voiding and check cards: a teller of this board, while the polls are open
 */
public record DeskActions(boolean pollsOpen, Permission presence, Permission cards) {
}
