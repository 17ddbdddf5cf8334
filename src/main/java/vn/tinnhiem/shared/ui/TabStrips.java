package vn.tinnhiem.shared.ui;

import com.vaadin.flow.component.tabs.TabSheet;

/**
 * Vaadin's tab strip names its host element the tablist, but the tabs sit inside a scrolling div of its own
 * (tabindex -1) between the two: screen readers and axe see a tablist whose child is not a tab
 * (aria-required-children, critical). The role moves to that div, the tabs' real parent, and the host becomes
 * a plain container (its scroll arrows are hidden from screen readers already).
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
                  scroller.setAttribute('role', 'tablist');
                  scroller.setAttribute('aria-orientation', tabs.getAttribute('aria-orientation') || 'horizontal');
                  tabs.setAttribute('role', 'none');
                  tabs.removeAttribute('aria-orientation');
                }));
                """);
    }
}
