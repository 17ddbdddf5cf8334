package vn.tinnhiem.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver (never a downloaded one), at a given
 * window size, with small helpers for Vaadin's components.
 */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;

    public Browser(String base, int width, int height) {
        this(base, width, height, List.of());
    }

    /**
     * A browser whose camera is Chromium's fake one, playing the file (see {@link FakeCamera}), with the
     * permission to use it already given.
     */
    public static Browser withCamera(String base, int width, int height, Path video) {
        return new Browser(base, width, height, List.of("--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + video.toAbsolutePath()));
    }

    /** A browser with a camera whose use the person refuses (every permission prompt answered no). */
    public static Browser withCameraRefused(String base, int width, int height) {
        return new Browser(base, width, height, List.of("--use-fake-device-for-media-stream", "--deny-permission-prompts"));
    }

    private Browser(String base, int width, int height, List<String> extraArguments) {
        this.base = base;
        try {
            this.profile = Files.createTempDirectory("tinnhiem-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=vi-VN", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        options.addArguments(extraArguments);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        // Headless windows have a minimum width; emulate the exact viewport, as a phone would have it.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        // Every Content-Security-Policy violation of every page, kept in the tab's sessionStorage (it survives
        // navigation within the app): a test that means to prove the policy breaks nothing asks for them.
        beforeEachPage("document.addEventListener('securitypolicyviolation', e => { try {"
                + " const a = JSON.parse(sessionStorage.getItem('tn-csp') || '[]');"
                + " a.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || '?') + ' at ' + (e.sourceFile || '?')"
                + " + ':' + e.lineNumber); sessionStorage.setItem('tn-csp', JSON.stringify(a)); } catch (x) {} }, true);");
        // -Dtinnhiem.browser.cpu-throttle=4: every page runs as on a CPU that many times slower (a cheap tablet, a
        // loaded machine), to look for races that only a slow page shows. Off unless asked for.
        String throttle = System.getProperty("tinnhiem.browser.cpu-throttle", "");
        if (!throttle.isBlank()) {
            driver.executeCdpCommand("Emulation.setCPUThrottlingRate", java.util.Map.of("rate", Double.parseDouble(throttle)));
        }
    }

    public void open(String path) {
        driver.get(base + path);
        waitForVaadin();
    }

    public String currentPath() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /** Waits until Vaadin has no request in flight. */
    public void waitForVaadin() {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("""
                    if (document.readyState !== 'complete') return false;
                    const clients = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;
                    if (!clients || Object.keys(clients).length === 0) return false;
                    return Object.values(clients).every(c => !c.isActive || !c.isActive());
                    """)));
        } catch (org.openqa.selenium.TimeoutException e) {
            Object state = ((JavascriptExecutor) driver).executeScript("""
                    return JSON.stringify({url: location.href, ready: document.readyState,
                      vaadin: Object.keys(window.Vaadin || {}), flow: Object.keys((window.Vaadin || {}).Flow || {}),
                      clients: Object.keys(((window.Vaadin || {}).Flow || {}).clients || {}),
                      body: document.body.innerText.substring(0, 300)});
                    """);
            throw new IllegalStateException("Vaadin did not settle: " + state, e);
        }
    }

    public WebElement find(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public boolean isShown(String css) {
        return findAll(css).stream().anyMatch(WebElement::isDisplayed);
    }

    /** Types into a Vaadin field (its slotted native input or textarea). */
    public void type(String fieldCss, String text) {
        WebElement input = find(fieldCss + " input, " + fieldCss + " textarea");
        input.clear();
        input.sendKeys(text);
        ((JavascriptExecutor) driver).executeScript("arguments[0].dispatchEvent(new Event('change', {bubbles: true}))",
                input);
    }

    /**
     * Clicks as a finger would: at the element's centre, and only if the element is what is there. A
     * button covered by a notification, a dialog or another component fails the test instead of being
     * clicked from a script; a short wait lets an opening or closing animation finish first.
     */
    public void click(String css) {
        click(find(css));
    }

    public void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        try {
            new WebDriverWait(driver, Duration.ofMillis(1500)).until(d -> coveredBy(element) == null);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("A finger cannot reach " + describe(element) + " on " + currentPath()
                    + ": its centre is covered by " + coveredBy(element), e);
        }
        element.click();
        waitForVaadin();
    }

    /** What a tap at the element's centre would hit instead of it, or null when the element itself is hit. */
    private String coveredBy(WebElement element) {
        return (String) ((JavascriptExecutor) driver).executeScript("""
                const el = arguments[0];
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0) return 'nothing: it has no size on screen';
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return 'the edge of the screen';
                const hit = el.getRootNode().elementFromPoint(x, y);
                for (let n = hit; n; n = n.parentNode || n.host) {
                    if (n === el) return null;
                }
                if (!hit) return 'nothing';
                return hit.localName + (hit.id ? '#' + hit.id : '') + (hit.className && typeof hit.className === 'string'
                    ? '.' + hit.className.trim().split(/\\s+/).join('.') : '')
                    + ' «' + (hit.innerText || '').trim().substring(0, 60) + '»';
                """, element);
    }

    private String describe(WebElement element) {
        String id = element.getAttribute("id");
        return element.getTagName() + (id == null || id.isEmpty() ? "" : "#" + id) + " «" + element.getText().trim() + "»";
    }

    /** Runs a script in every page this browser opens from now on, before the page's own scripts. */
    public void beforeEachPage(String js) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", js));
    }

    /**
     * The Content-Security-Policy violations the pages of this tab reported since it opened the app (those of
     * the page now shown and of the pages before it, same origin).
     */
    @SuppressWarnings("unchecked")
    public List<String> cspViolations() {
        Object found = script("return JSON.parse(sessionStorage.getItem('tn-csp') || '[]');");
        return found instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** Runs a script in the page (for measuring what a person sees). */
    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Waits for what a camera read brings (a line in a list, the ballot opening), up to the timeout. When it
     * does not come, the error says what each QR scanner on the page did (its counters: frames the camera
     * delivered, frames decoded, texts sent, acknowledgements), the page's connection to the server, and how
     * many camera reads the server received. Every read prints the same, with how long it took.
     */
    public void waitForCameraRead(String what, Duration timeout, java.util.function.BooleanSupplier done) {
        long start = System.nanoTime();
        long until = start + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                String name = what.replaceAll("[^\\p{L}\\p{N}]+", "-") + "-" + System.currentTimeMillis();
                screenshot(Path.of("target", "screenshots", "camera-timeouts", name + ".png"));
                saveCameraFrames(Path.of("target", "screenshots", "camera-timeouts", name + "-frame"));
                throw new AssertionError("Waited " + timeout.toSeconds() + " s for " + what + " from the camera on "
                        + currentPath() + ": " + cameraReport() + "; the page says: " + pageText().replace('\n', ' '));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        // One line per camera read in the test's output: how long reads take on this machine, and what a slow one did.
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.println("Camera read in " + millis + " ms (" + what + "): " + cameraReport());
    }

    /** Saves what each QR scanner's decoder sees now (its snapshot), as PREFIX-1.png, PREFIX-2.png... */
    private void saveCameraFrames(Path prefix) {
        try {
            @SuppressWarnings("unchecked")
            var frames = (List<String>) script("""
                    const found = [];
                    const walk = root => {
                        for (const el of root.querySelectorAll('*')) {
                            if (el.localName === 'tn-qr-scanner' && el.snapshot) found.push(el.snapshot());
                            if (el.shadowRoot) walk(el.shadowRoot);
                        }
                    };
                    walk(document);
                    return found.filter(f => f);
                    """);
            for (int i = 0; i < frames.size(); i++) {
                String data = frames.get(i);
                Files.write(prefix.resolveSibling(prefix.getFileName() + "-" + (i + 1) + ".png"),
                        java.util.Base64.getDecoder().decode(data.substring(data.indexOf(',') + 1)));
            }
        } catch (RuntimeException | IOException e) {
            System.out.println("No camera frame saved: " + e);
        }
    }

    /** Every QR scanner on the page (tn-qr-scanner): its state and counters; the connection; the server's count. */
    public String cameraReport() {
        Object page;
        try {
            page = script("""
                    const scanners = [];
                    const walk = root => {
                        for (const el of root.querySelectorAll('*')) {
                            if (el.localName === 'tn-qr-scanner') scanners.push(el);
                            if (el.shadowRoot) walk(el.shadowRoot);
                        }
                    };
                    walk(document);
                    const clients = (window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients) || {};
                    return JSON.stringify({
                        scanners: scanners.map(el => ({id: el.id, state: el.getAttribute('state'), paused: !!el.paused,
                            heard: el.heard, counters: el.counters})),
                        visibility: document.visibilityState,
                        connection: window.Vaadin && window.Vaadin.connectionState && window.Vaadin.connectionState.state,
                        requestInFlight: Object.values(clients).map(c => !!(c.isActive && c.isActive()))});
                    """);
        } catch (RuntimeException e) {
            page = "(the page did not answer: " + e.getMessage().lines().findFirst().orElse("") + ")";
        }
        return "page " + page + "; " + vn.tinnhiem.shared.ui.QrScanner.cameraReadsReceived();
    }

    /** Runs an asynchronous script: it calls its last argument with the result (within 20 s). */
    public Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    public void clickTab(String label) {
        WebElement tab = new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("vaadin-tab"))
                .stream().filter(t -> t.getText().trim().equals(label)).findFirst().orElse(null));
        click(tab);
    }

    /** Feeds a file to a vaadin-upload's hidden file input. */
    public void upload(String uploadCss, Path file) {
        WebElement upload = find(uploadCss);
        WebElement input = upload.findElements(By.cssSelector("input[type=file]")).stream().findFirst()
                .orElseGet(() -> upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")));
        input.sendKeys(file.toAbsolutePath().toString());
    }

    /** Waits until the text of the element contains the expected words. */
    public void waitForText(String css, String expected) {
        try {
            // The server may replace the element between finding it and reading it (a re-render): look again.
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                        var found = d.findElements(By.cssSelector(css));
                        return !found.isEmpty() && found.getFirst().getText().contains(expected);
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new IllegalStateException("Expected “" + expected + "” in " + css + " on " + currentPath() + ": "
                    + pageText().replace('\n', ' '), e);
        }
    }

    public void waitForPath(String path) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> currentPath().startsWith(path));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new IllegalStateException("Expected " + path + " but the browser shows " + currentPath() + ": "
                    + pageText().replace('\n', ' '), e);
        }
        waitForVaadin();
    }

    /**
     * Every visible text of every grid cell, for asserting what a grid shows. Read in one call to the page: in a
     * full run the grids hold every account and conference the earlier tests made, and one WebDriver call per cell
     * cost seconds per read.
     */
    @SuppressWarnings("unchecked")
    public String gridText(String gridCss) {
        WebElement grid = find(gridCss);
        var texts = (List<Object>) script("return Array.from(arguments[0].querySelectorAll('vaadin-grid-cell-content'))"
                + ".map(c => c.textContent);", grid);
        return String.join("\n", texts.stream().map(t -> t == null ? "null" : t.toString()).toList());
    }

    /**
     * The first element matching the CSS whose text as shown contains the words (an element not rendered shows no
     * text, as {@link WebElement#getText()} says), looked up now, in one call to the page; none fails at once. In a
     * full run a conference list or an account choice holds hundreds of entries made by earlier tests: reading each
     * one's text over WebDriver cost a round trip per entry.
     */
    public WebElement findShowing(String css, String words) {
        Object found = script("""
                return Array.from(document.querySelectorAll(arguments[0])).find(e => e.checkVisibility()
                    && e.innerText.includes(arguments[1])) || null;""", css, words);
        if (found instanceof WebElement element) {
            return element;
        }
        throw new java.util.NoSuchElementException("No " + css + " showing “" + words + "” on " + currentPath());
    }

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TakesScreenshot driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
