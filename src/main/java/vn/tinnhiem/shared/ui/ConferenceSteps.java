package vn.tinnhiem.shared.ui;

import java.util.List;
import java.util.Optional;

import com.vaadin.flow.component.Component;

import vn.tinnhiem.shared.ElectionId;

/**
 * What a module adds to one conference's card on the signed-in person's home: the next step while it is that
 * module's turn (the ceremony before the polls open, the count after they close), a line of its figures, and
 * links to its screens and documents. The election module draws the card and asks every such bean, so it needs
 * none of their types (they depend on it, not the other way round); each module reads its own state, so the
 * card says what is true now, not what a status alone suggests.
 */
public interface ConferenceSteps {

    /**
     * This module's part of the card, built on the screen's thread for whoever is signed in (a teller only ever
     * asked about a conference whose board they sit on); empty when it has nothing for them.
     *
     * @param status the conference's lifecycle status by name (DRAFT, READY, OPEN, CLOSED, TALLIED)
     */
    Optional<Part> part(ElectionId electionId, String status);

    /**
     * @param order where the part goes on the card and, among the parts that name a next step, whose step is
     *     shown: smaller first
     * @param next the next step, when it is this module's turn and the signed-in person's to act or to wait for
     * @param details a line of this module's figures, when it has any
     * @param links links to this module's screens and documents, each named by what it opens
     */
    record Part(int order, Optional<String> next, Optional<String> details, List<Component> links) {
    }
}
