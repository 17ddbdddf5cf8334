package vn.tinnhiem.verify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.support.Browser;
import vn.tinnhiem.support.IntegrationTest;
import vn.tinnhiem.support.PhoneLayout;
import vn.tinnhiem.verify.RecordVerifier;
import vn.tinnhiem.verify.Records;

/** Anyone, not signed in, uploads an election record on a phone and reads each check's verdict. */
@IntegrationTest
@Tag("browser")
class VerifyBrowserTests {

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @Test
    void a_visitor_checks_a_good_record_and_a_tampered_one_on_a_phone() throws Exception {
        // 70 ballots of 44 candidates: a 12 MB file, above the servlet container's default multipart limits.
        var record = Records.genuine(44, BallotKind.THREE_LEVEL, "QD_96_2023", 2, 3, 70, true, new SecureRandom());
        Path good = dir.resolve("tinnhiem-election-record-42.json");
        Files.write(good, record.bytes());
        assertThat(Files.size(good)).isGreaterThan(12_000_000);
        record.rows.get(0).percentages[0] = record.rows.get(0).percentages[0].equals("0,00") ? "1,00" : "0,00";
        Path tampered = dir.resolve("tampered.json");
        Files.write(tampered, record.bytes());

        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            browser.open("/verify");
            assertThat(browser.currentPath()).startsWith("/verify");
            browser.waitForText("h1", "Kiểm tra hồ sơ bầu cử");

            browser.upload("#verify-upload", good);
            browser.waitForText("#verify-verdict", "Mọi phép kiểm tra đều đúng.");
            assertThat(browser.findAll(".verify-check")).hasSize(RecordVerifier.CHECKS.size());
            assertThat(browser.findAll(".verify-check[data-holds=true]")).hasSize(RecordVerifier.CHECKS.size());
            assertThat(browser.find(".verify-check[data-check='verify.check.ballots']").getText())
                    .contains("✔ Đúng").contains("70 phiếu, mọi chứng minh đều đúng");
            // The rule set in words, never its code.
            assertThat(browser.find(".verify-check[data-check='verify.check.results']").getText())
                    .contains("Quy định 96-QĐ/TW (2023)");
            assertThat(browser.pageText()).doesNotContain("QD_96_2023").doesNotContain("java -jar");
            PhoneLayout.assertFits(browser, "the record check");
            browser.screenshot(Path.of("target", "screenshots", "360x640", "verify-good.png"));

            browser.upload("#verify-upload", tampered);
            browser.waitForText("#verify-verdict", "Có phép kiểm tra sai");
            assertThat(browser.findAll(".verify-check[data-holds=false]")).singleElement()
                    .satisfies(e -> assertThat(e.getAttribute("data-check")).isEqualTo("verify.check.results"));
            assertThat(browser.find(".verify-check[data-check='verify.check.results']").getText())
                    .contains("✘ Sai").contains("“results.candidates[0].percentages[0]” ghi");
            PhoneLayout.assertFits(browser, "a failed record check");
            browser.screenshot(Path.of("target", "screenshots", "360x640", "verify-tampered.png"));
        }
    }

    @Test
    void a_file_over_the_limit_is_refused_at_the_field_in_both_languages_and_never_sent() throws Exception {
        // A sparse file: as large as the browser sees it, without filling the disk.
        Path big = dir.resolve("qua-lon.json");
        try (var file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(RecordUpload.MAX_BYTES + 1);
        }
        long before = RecordUpload.bytesRead();
        try (var browser = new Browser("http://localhost:" + port, 360, 640)) {
            browser.open("/verify");
            browser.waitForText("h1", "Kiểm tra hồ sơ bầu cử");
            assertThat(browser.script("return document.documentElement.lang;")).as("the page's language").isEqualTo("vi");
            browser.upload("#verify-upload", big);
            browser.waitForText("#verify-upload-error", "Tệp qua-lon.json quá lớn");
            assertThat(browser.find("#verify-upload-error").getText()).contains("tối đa 100 MB",
                    "chương trình kiểm tra hồ sơ của TinNhiem trên máy tính").doesNotContain("java -jar");
            assertThat(browser.findAll("#verify-verdict")).isEmpty();
            PhoneLayout.assertFits(browser, "a file refused at the field");

            browser.click("#language");
            browser.click(browser.findAll("vaadin-select-item").stream()
                    .filter(i -> i.getText().contains("English")).findFirst().orElseThrow());
            browser.waitForText("h1", "Check an election record");
            assertThat(browser.script("return document.documentElement.lang;")).as("the page's language").isEqualTo("en");
            browser.upload("#verify-upload", big);
            browser.waitForText("#verify-upload-error", "The file qua-lon.json is too large");
            assertThat(browser.find("#verify-upload-error").getText()).contains("at most 100 MB");
        }
        assertThat(RecordUpload.bytesRead()).as("bytes of it the server read").isEqualTo(before);
    }
}
