package vn.tinnhiem.kiosk;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/**
 * The server's memory with 200 kiosk sessions open: 200 enrolled tablets each open the kiosk page (a session
 * and a UI each, as a tablet's browser makes), and the heap after a full collection is compared with before.
 * A benchmark: run by hand ({@code -Dtest=KioskSessionsMemoryBenchmarkTests -Dsurefire.excludedGroups=}).
 */
@IntegrationTest
@Tag("benchmark")
class KioskSessionsMemoryBenchmarkTests {

    private static final int TABLETS = 200;

    @LocalServerPort
    int port;
    @Autowired
    KioskService kiosks;
    @Autowired
    ElectionServices elections;
    @Autowired
    AccountService accounts;

    @Test
    void memory_of_two_hundred_open_kiosk_pages() throws Exception {
        ElectionId conference = KioskConferences.open(elections, accounts, "Hội nghị đo bộ nhớ");
        List<String> cookies = new ArrayList<>();
        try (var admin = Acting.as("organiser", "ADMIN")) {
            for (int i = 0; i < TABLETS; i++) {
                var code = kiosks.add("Máy " + i, conference);
                cookies.add(KioskSession.COOKIE + "=" + kiosks.enroll(code.code()).credential());
            }
        }
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        open(http, cookies.get(0)); // warm-up: the first page loads classes and templates
        long before = usedAfterGc();
        long start = System.nanoTime();
        int ok = 0;
        for (String cookie : cookies) {
            ok += open(http, cookie) == 200 ? 1 : 0;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long after = usedAfterGc();
        System.out.printf("KIOSK SESSIONS: %d pages opened (%d answered 200) in %d ms; heap after GC %d MB -> %d MB: "
                + "%.1f KB per open kiosk session%n", TABLETS, ok, millis, before >> 20, after >> 20,
                (after - before) / 1024.0 / TABLETS);
    }

    /**
     * Opens the kiosk page as a tablet's browser does: the page, then Vaadin's init request, which makes the
     * session's UI (the kiosk view and its components). No session cookie is carried over from another tablet.
     */
    private int open(HttpClient http, String cookie) throws Exception {
        var page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/kiosk"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        String session = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse("");
        var init = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/?v-r=init&location=kiosk&query=")).header("Cookie", cookie + "; " + session).build(),
                HttpResponse.BodyHandlers.ofString());
        if (!init.body().contains("uidl")) {
            throw new AssertionError("no UI made: " + init.statusCode() + " " + init.body().substring(0,
                    Math.min(300, init.body().length())));
        }
        return init.statusCode();
    }

    private static long usedAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
