/**
 * Supervision: the live figures of a conference while it votes (on the roll, present, cards activated,
 * ballots cast, turnout, quorum), the health of its tablets, a turnout chart in coarse steps and the hall
 * screen; pushed to open pages. Reads counts only: nothing here reads a ballot or says who voted what
 * (docs/architecture.md, "Supervision").
 */
@NullMarked
package vn.tinnhiem.supervision;

import org.jspecify.annotations.NullMarked;
