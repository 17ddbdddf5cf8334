package vn.tinnhiem.election.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/**
 * Lists as cards rather than grids: on a 360 px phone a grid either cuts its columns or scrolls sideways.
 * A card is the name, its details beneath, and at most one "⋮" menu at the end; at 1280 px the same
 * cards sit in a tidy single column.
 */
final class Cards {

    private Cards() {
    }

    static Div list(String id) {
        var list = new Div();
        list.setId(id);
        list.addClassName("card-list");
        return list;
    }

    static Div card(Component main, Component details, Component menu) {
        var body = new Div(main, details);
        body.addClassName("card-body");
        var card = new Div(body);
        card.addClassName("election-card");
        if (menu != null) {
            card.add(menu);
        }
        return card;
    }

    static Span main(String text) {
        var span = new Span(text);
        span.addClassName("card-main");
        return span;
    }

    static Div details(String text) {
        var div = new Div(text);
        div.addClassName("card-details");
        return div;
    }
}
