package vn.tinnhiem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import vn.tinnhiem.shared.database.EmbeddedMariaDb;
import vn.tinnhiem.support.RootDatabase;

/**
 * The hall set-up of kiosk-setup/ as it is shipped: the certificate script's output, the server's
 * settings file and the password handed over as the systemd unit does (a config tree of credential
 * files), serving the application over HTTPS only.
 */
// Needs the embedded server itself (its bean, folder or root account): runs on it, never on the cluster.
@Tag("embedded-server")
class HallHttpsIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void the_application_serves_https_with_the_hall_certificate_and_no_plain_http() throws Exception {
        Path tls = temp.resolve("hall-tls");
        var script = new ProcessBuilder("bash", "kiosk-setup/make-lan-certificate.sh", "-o", tls.toString(),
                "127.0.0.1", "localhost").redirectErrorStream(true).start();
        String scriptOutput = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as(scriptOutput).isZero();
        assertThat(scriptOutput).contains("move the CA key off this server");

        // The unit's LoadCredential= puts the password in a folder of files named after the property.
        Path credentials = Files.createDirectories(temp.resolve("credentials"));
        Files.copy(tls.resolve("keystore-password"),
                credentials.resolve("spring.ssl.bundle.jks.hall.keystore.password"));
        Properties hall = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("kiosk-setup/tinnhiem.properties"))) {
            hall.load(in);
        }
        assertThat(hall).doesNotContainKey("spring.ssl.bundle.jks.hall.keystore.password");
        String database = "https_" + System.nanoTime();

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TinNhiemApplication.class)
                .profiles("test")
                .run("--server.ssl.bundle=" + hall.getProperty("server.ssl.bundle"),
                        "--spring.ssl.bundle.jks.hall.keystore.type=" + hall.getProperty("spring.ssl.bundle.jks.hall.keystore.type"),
                        "--spring.ssl.bundle.jks.hall.key.alias=" + hall.getProperty("spring.ssl.bundle.jks.hall.key.alias"),
                        "--spring.ssl.bundle.jks.hall.options.enabled-protocols="
                                + hall.getProperty("spring.ssl.bundle.jks.hall.options.enabled-protocols"),
                        "--spring.ssl.bundle.jks.hall.keystore.location=file:" + tls.resolve("tinnhiem.p12"),
                        "--spring.config.import=configtree:" + credentials + "/",
                        "--server.port=0",
                        // A database of its own, so that this second application never meets the shared one's.
                        "--tinnhiem.db.name=" + database)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();

            HttpClient trustingTheHallCa = HttpClient.newBuilder().sslContext(trusting(tls.resolve("hall-ca.crt")))
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> page = trustingTheHallCa.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.sslSession()).isPresent();

            // A device that has not installed the hall CA is warned off, not served.
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);

            // Plain HTTP on the same port gets no page (Tomcat answers 400: "requires TLS").
            HttpResponse<String> plain = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(400);
            assertThat(plain.body()).doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("mật khẩu");
            // As root: the application's own account has rows only.
            RootDatabase.as(app.getBean(EmbeddedMariaDb.class), app.getBean(javax.sql.DataSource.class),
                    root -> root.execute("DROP DATABASE `" + database + "`"));
        }
    }

    @Test
    void the_service_unit_keeps_the_key_store_password_out_of_its_environment_and_command_line() throws Exception {
        String unit = Files.readString(Path.of("kiosk-setup/tinnhiem.service"));
        assertThat(unit).doesNotContainIgnoringCase("PASSWORD=")
                .contains("LoadCredential=spring.ssl.bundle.jks.hall.keystore.password:")
                .contains("configtree:%d/")
                .contains("/etc/tinnhiem/tinnhiem.properties");
        String settings = Files.readString(Path.of("kiosk-setup/tinnhiem.properties"));
        assertThat(settings).contains("server.ssl.bundle=hall").doesNotContain("server.port=8080");
    }

    private static SSLContext trusting(Path caCertificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
            trusted.setCertificateEntry("hall-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
