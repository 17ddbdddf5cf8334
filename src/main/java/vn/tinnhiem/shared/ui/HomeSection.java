package vn.tinnhiem.shared.ui;

import java.util.Optional;

import com.vaadin.flow.component.Component;

/**
 * A part of the signed-in person's home, given by the module that owns the data (the conferences, the
 * tablets); the parts of one conference's card are {@link ConferenceSteps}. The shell cannot read other modules
 * itself: they depend on it, not the other way round.
 */
public interface HomeSection {

    /** Where the section goes on the home, smaller first. */
    int order();

    /** The section for whoever is signed in, built on the screen's thread; empty when it has nothing for them. */
    Optional<Component> build();
}
