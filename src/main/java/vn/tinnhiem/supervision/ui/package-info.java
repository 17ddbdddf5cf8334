/** The supervision screens: a conference's live page, the hall screen, and the panels of the status tab. */
@NullMarked
package vn.tinnhiem.supervision.ui;

import org.jspecify.annotations.NullMarked;
