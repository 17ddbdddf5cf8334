package vn.tinnhiem.shared.ui;

import java.util.List;

import org.springframework.web.context.support.WebApplicationContextUtils;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.VaadinServlet;

import vn.tinnhiem.shared.ElectionId;

/**
 * Documents another module adds to a conference's "In và tải về" menu (the count's minutes and report once the
 * conference is counted), without the election module depending on that module: a Spring bean implements this,
 * and the menu asks for all of them.
 */
public interface ConferenceDocuments {

    /**
     * One document: what it is, and one download link per format.
     *
     * @param label what the document is ("Biên bản kiểm phiếu")
     * @param links one link per format, each named for a screen reader by document and format
     */
    record Document(String label, List<Anchor> links) {
    }

    /** The documents of the conference that exist now; none when the signed-in person may not have them. */
    List<Document> documents(ElectionId electionId);

    /** Every module's documents of the conference, from the beans of the running application. */
    static List<Document> documentsOf(ElectionId electionId) {
        VaadinServlet servlet = VaadinServlet.getCurrent();
        var context = servlet == null ? null
                : WebApplicationContextUtils.getWebApplicationContext(servlet.getServletContext());
        if (context == null) {
            return List.of();
        }
        return context.getBeanProvider(ConferenceDocuments.class).orderedStream()
                .flatMap(p -> p.documents(electionId).stream()).toList();
    }
}
