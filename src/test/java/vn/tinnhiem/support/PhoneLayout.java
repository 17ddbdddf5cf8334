package vn.tinnhiem.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/**
 * What a person on a 360x640 phone would notice: a page that scrolls sideways, a grid that hides
 * columns behind a sideways scroll, something to tap that runs off the screen (a dialog wider than the
 * phone), and anything to tap that is smaller than 44x44 px.
 */
public final class PhoneLayout {

    public static final int MIN_TARGET = 44;

    private PhoneLayout() {
    }

    /** How long a screen may take to come to rest before it is measured anyway. */
    static final int SETTLE_MS = 10_000;

    /** Fails with every problem on the current screen, each named so a person can find it. */
    public static void assertFits(Browser browser, String screen) {
        assertThat(problems(browser)).as("%s at %s", screen, browser.currentPath()).isEmpty();
    }

    /**
     * Every problem on the current screen. Touch targets are measured on the box that takes the tap:
     * a Vaadin component's host element (a checkbox's box with its label, a menu item's row), and for
     * the fields that open a list (select, combo box, date and time pickers) their input field. Links
     * inside running text are not targets; links laid out as blocks (acting as buttons) are.
     *
     * <p>The screen is measured at rest ({@link #settle}): a drawer sliding in, a dialog opening, a
     * notification arriving are measured where they stop, not halfway.
     */
    @SuppressWarnings("unchecked")
    public static List<String> problems(Browser browser) {
        Map<String, Object> rest = settle(browser);
        var problems = (List<String>) browser.script("""
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
                    // Measured as if every scrolling box were at its top: the app's content scrolls inside the
                    // layout (a field brought into view), not the window.
                    let scrolled = 0;
                    for (let n = el.assignedSlot || el.parentNode || el.host; n; n = n.assignedSlot || n.parentNode || n.host) {
                        if (n.nodeType === 1 && n !== document.scrollingElement) scrolled += n.scrollTop;
                    }
                    if (r.top + scrollY + scrolled < -1 && !el.closest('vaadin-grid')) {
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
        if (!problems.isEmpty() && !Boolean.TRUE.equals(rest.get("settled"))) {
            problems = new java.util.ArrayList<>(problems);
            problems.add("(measured while the screen still moved after " + SETTLE_MS / 1000 + " s: " + rest.get("running") + ")");
        }
        return problems;
    }

    /**
     * Waits until the screen is at rest: Vaadin has no request in flight, no CSS animation or transition that
     * ends runs (an endless one, a spinner, never ends and is left out), in the page or any shadow root, and
     * every element's box is where it was one frame before. A screen still moving after {@link #SETTLE_MS} is
     * measured as it is (and whatever is off then is reported); the returned map says what still ran.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> settle(Browser browser) {
        browser.waitForVaadin();
        return (Map<String, Object>) browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                const until = performance.now() + arguments[0];
                const roots = () => {
                    const found = [document];
                    const walk = root => {
                        for (const el of root.querySelectorAll('*')) {
                            if (el.shadowRoot) { found.push(el.shadowRoot); walk(el.shadowRoot); }
                        }
                    };
                    walk(document);
                    return found;
                };
                const moving = all => {
                    const seen = new Set();
                    const names = [];
                    for (const root of all) {
                        for (const a of root.getAnimations ? root.getAnimations() : []) {
                            if (seen.has(a)) continue;
                            seen.add(a);
                            if (a.playState !== 'running' && a.playState !== 'pending') continue;
                            const end = a.effect && a.effect.getComputedTiming().endTime;
                            if (end === Infinity) continue;
                            const target = a.effect && a.effect.target;
                            names.push((a.animationName || a.transitionProperty || a.constructor.name) + ' on '
                                + (target ? target.localName + (target.id ? '#' + target.id : '') : '?'));
                        }
                    }
                    return names;
                };
                const boxes = all => {
                    const parts = [document.documentElement.scrollWidth, scrollX, scrollY];
                    for (const root of all) {
                        for (const el of root.querySelectorAll('*')) {
                            const r = el.getBoundingClientRect();
                            parts.push(Math.round(r.left * 2), Math.round(r.top * 2), Math.round(r.width * 2),
                                Math.round(r.height * 2));
                        }
                    }
                    return parts.join(',');
                };
                let before = null;
                const frame = () => {
                    const all = roots();
                    const running = moving(all);
                    const now = boxes(all);
                    const still = running.length === 0 && now === before;
                    if (still || performance.now() > until) {
                        done({settled: still, running: running.slice(0, 5)});
                        return;
                    }
                    before = now;
                    requestAnimationFrame(frame);
                };
                requestAnimationFrame(frame);
                """, SETTLE_MS);
    }
}
