package vn.tinnhiem.shared.ui;

import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.ValueProvider;

/** Grid cells that stay readable on a phone: a name with its details beneath, wrapping, not cut off. */
public final class Cells {

    private Cells() {
    }

    public static <T> LitRenderer<T> nameWithDetails(ValueProvider<T, String> name, ValueProvider<T, String> details) {
        return LitRenderer.<T>of("""
                <div class="cell-two-lines"><div class="cell-main">${item.name}</div>\
                <div class="cell-details">${item.details}</div></div>""")
                .withProperty("name", name)
                .withProperty("details", details);
    }
}
