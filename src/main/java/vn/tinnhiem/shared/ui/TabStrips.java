package vn.tinnhiem.shared.ui;

import com.vaadin.flow.component.tabs.TabSheet;

/**
 * Vaadin's tab strip names its host element the tablist, but the tabs sit inside a scrolling div of its own
 * that carries tabindex -1: a focusable element between a tablist and its tabs, so screen readers and axe see
 * a tablist whose child is not a tab (aria-required-children, critical). Without the tabindex the div is a
 * plain container the tabs show through. (Moving the role onto the div instead fails: the strip writes its
 * aria-orientation back onto the host at every change of tab.) The tabs themselves stay focusable, so the
 * scrolling div never becomes a tab stop of its own.
 */
public final class TabStrips {

    private TabStrips() {
    }

    public static void fixRoles(TabSheet sheet) {
        sheet.getElement().executeJs("""
                const tabs = this.querySelector('vaadin-tabs');
                if (!tabs) { return; }
                customElements.whenDefined('vaadin-tabs').then(() => (tabs.updateComplete || Promise.resolve()).then(() => {
                  const scroller = tabs.shadowRoot && tabs.shadowRoot.querySelector('[part="tabs"]');
                  if (!scroller) { return; }
                  scroller.removeAttribute('tabindex');
                }));
                """);
    }
}
