package vn.tinnhiem.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * What a person on a 360x640 phone would notice: a page that scrolls sideways, a grid that hides
 * columns behind a sideways scroll, something to tap that runs off the screen (a dialog wider than the
 * phone), and anything to tap that is smaller than 44x44 px.
 */
public final class PhoneLayout {

    public static final int MIN_TARGET = 44;

    private PhoneLayout() {
    }

    /** Fails with every problem on the current screen, each named so a person can find it. */
    public static void assertFits(Browser browser, String screen) {
        assertThat(problems(browser)).as("%s at %s", screen, browser.currentPath()).isEmpty();
    }

    /**
     * Every problem on the current screen. Touch targets are measured on the box that takes the tap:
     * a Vaadin component's host element (a checkbox's box with its label, a menu item's row), and for
     * the fields that open a list (select, combo box, date and time pickers) their input field. Links
     * inside running text are not targets; links laid out as blocks (acting as buttons) are.
     */
    @SuppressWarnings("unchecked")
    public static List<String> problems(Browser browser) {
        return (List<String>) browser.script("""
                const min = arguments[0];
                const problems = [];
                const doc = document.documentElement;
                const pageWidth = Math.max(doc.scrollWidth, document.body.scrollWidth);
                if (pageWidth > innerWidth) {
                    problems.push('the page scrolls sideways: ' + pageWidth + ' px wide in a ' + innerWidth + ' px window');
                }
                const targets = ['vaadin-button', 'vaadin-menu-bar-button', 'vaadin-side-nav-item', 'vaadin-checkbox',
                    'vaadin-radio-button', 'vaadin-tab', 'vaadin-drawer-toggle', 'vaadin-select', 'vaadin-combo-box',
                    'vaadin-date-picker', 'vaadin-time-picker', 'vaadin-details-summary', 'a[href]', '[role=button]'];
                const fields = ['vaadin-select', 'vaadin-combo-box', 'vaadin-date-picker', 'vaadin-time-picker'];
                const found = [];
                const walk = root => {
                    for (const el of root.querySelectorAll('*')) {
                        if (targets.some(t => el.matches(t))) found.push(el);
                        if (el.shadowRoot) walk(el.shadowRoot);
                    }
                };
                walk(document);
                const name = el => el.localName + (el.id ? '#' + el.id : '')
                    + ' “' + ((el.innerText || el.getAttribute('aria-label') || el.getAttribute('label') || '')
                        .trim().replace(/\\s+/g, ' ').substring(0, 40)) + '”';
                const insideTarget = el => {
                    for (let n = el.parentNode || el.host; n; n = n.parentNode || n.host) {
                        if (n.nodeType === 1 && found.includes(n)) return true;
                    }
                    return false;
                };
                for (const el of found) {
                    if (insideTarget(el)) continue;
                    if (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
                    if (el.matches('[disabled], [aria-hidden=true]')) continue;
                    if (el.localName === 'a' && getComputedStyle(el).display === 'inline') continue;
                    let box = el;
                    if (fields.includes(el.localName) && el.shadowRoot) {
                        box = el.shadowRoot.querySelector('[part~="input-field"]') || el;
                    }
                    const r = box.getBoundingClientRect();
                    if (r.width === 0 || r.height === 0) continue;
                    // Grids and tab strips scroll inside themselves (a grid that does is reported below).
                    if (r.right > innerWidth + 1 || r.left < -1) {
                        if (!el.closest('vaadin-grid, vaadin-tabs')) {
                            problems.push('touch target ' + name(el) + ' runs off the screen: ' + Math.round(r.left)
                                + ' to ' + Math.round(r.right) + ' px in a ' + innerWidth + ' px window');
                        }
                    }
                    // Above the top of the page nothing can be scrolled to (a centred column taller than the screen).
                    if (r.top + scrollY < -1 && !el.closest('vaadin-grid')) {
                        problems.push('touch target ' + name(el) + ' starts above the top of the page, where no one can scroll: '
                            + Math.round(r.top + scrollY) + ' px');
                    }
                    if (Math.round(r.width) < min || Math.round(r.height) < min) {
                        problems.push('touch target ' + name(el) + ' is ' + Math.round(r.width) + 'x'
                            + Math.round(r.height) + ' px');
                    }
                }
                for (const grid of document.querySelectorAll('vaadin-grid')) {
                    if (grid.checkVisibility && !grid.checkVisibility()) continue;
                    const table = grid.shadowRoot && grid.shadowRoot.querySelector('#table');
                    if (table && table.scrollWidth > table.clientWidth + 1) {
                        problems.push('grid ' + name(grid).split(' ')[0] + ' scrolls sideways: ' + table.scrollWidth
                            + ' px of columns in ' + table.clientWidth + ' px');
                    }
                }
                return problems;
                """, MIN_TARGET);
    }
}
