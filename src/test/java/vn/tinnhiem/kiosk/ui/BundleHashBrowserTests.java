package vn.tinnhiem.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.kiosk.FrontendBundleTests;
import vn.tinnhiem.kiosk.KioskConferences;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.support.Staff;

/**
 * The bundle's hash (issue 18, part 7): the tablet's enrollment screen, the tablets page and the enrollment dialog
 * show, in groups of four, the hash a supervisor compares with the release's; it is the one the documented recipe
 * gives over the folder the page's scripts are served from, and that folder is what the server serves, byte for byte.
 */
@IntegrationTest
@Tag("browser")
class BundleHashBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ElectionServices elections;

    private String base() {
        return "http://localhost:" + port;
    }

    @ParameterizedTest(name = "bundle hash at {0}x{1}")
    @CsvSource({"360, 640", "1280, 800"})
    void the_tablet_and_the_tablets_page_show_the_hash_of_the_served_bundle(int width, int height) throws Exception {
        Path webapp = FrontendBundleTests.servedFolder();
        String recomputed = FrontendBundleTests.recipe(webapp);
        String grouped = String.join(" ", recomputed.split("(?<=\\G.{4})"));

        // The folder hashed is the one served: every script of the build, fetched as a tablet fetches it.
        HttpClient http = HttpClient.newHttpClient();
        List<Path> scripts;
        try (Stream<Path> files = Files.list(webapp.resolve("VAADIN/build"))) {
            scripts = files.filter(f -> f.toString().endsWith(".js")).toList();
        }
        assertThat(scripts).isNotEmpty();
        for (Path f : scripts) {
            HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(URI.create(base() + "/VAADIN/build/"
                    + f.getFileName())).header("Accept-Encoding", "identity").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(got.statusCode()).as(f.getFileName().toString()).isEqualTo(200);
            assertThat(got.body()).as(f.getFileName().toString()).isEqualTo(Files.readAllBytes(f));
        }

        String admin = Staff.create(accounts, "bundle-admin", Role.ADMIN);
        String title = "Hội nghị mã băm " + UUID.randomUUID().toString().substring(0, 6);
        KioskConferences.open(elections, accounts, title);
        try (var tablet = new Browser(base(), width, height); var organiser = new Browser(base(), width, height)) {
            tablet.open("/kiosk");
            tablet.waitForText("#kiosk-content", "Máy này chưa được đăng ký");
            String shown = tablet.find("#kiosk-bundle-hash").getText();
            assertThat(shown).contains(grouped).contains("Giám sát viên đối chiếu");
            PhoneLayout.assertFits(tablet, "the kiosk page, not enrolled, with the bundle's hash");
            tablet.screenshot(Path.of("target", "screenshots", width + "x" + height, "kiosk-bundle-hash.png"));

            Staff.signIn(organiser, admin);
            organiser.open("/kiosks");
            organiser.waitForText("#kiosks-bundle-hash", grouped);
            organiser.type("#kiosk-name", "Bàn mã băm");
            organiser.click("#kiosk-conference-choice");
            organiser.click(organiser.findAll("vaadin-select-item").stream().filter(i -> i.getText().contains(title))
                    .findFirst().orElseThrow());
            organiser.click("#add-kiosk");
            organiser.waitForText("#enrollment-bundle-hash", grouped);
            PhoneLayout.assertFits(organiser, "the enrollment dialog with the bundle's hash");
            organiser.screenshot(Path.of("target", "screenshots", width + "x" + height, "kiosks-bundle-hash.png"));

            // In English too.
            tablet.click(".kiosk-header #language");
            tablet.click(tablet.findAll("vaadin-select-item").stream().filter(i -> i.getText().contains("English"))
                    .findFirst().orElseThrow());
            tablet.waitForText("#kiosk-bundle-hash", "A supervisor compares it with the hash published with the release");
            assertThat(tablet.find("#kiosk-bundle-hash").getText()).contains(grouped);
        }
    }
}
