package vn.tinnhiem.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.ceremony.CeremonyService;
import vn.tinnhiem.crypto.BallotKind;
import vn.tinnhiem.support.ElectionServices;
import vn.tinnhiem.kiosk.EnrollmentCode;
import vn.tinnhiem.kiosk.KioskService;
import vn.tinnhiem.shared.UserFacingException;
import vn.tinnhiem.shared.database.EmbeddedMariaDb;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.OtherInstance;
import vn.tinnhiem.support.GaleraCluster;
import vn.tinnhiem.support.TestDatabase;
import vn.tinnhiem.support.RootDatabase;
import vn.tinnhiem.token.TokenService;
import vn.tinnhiem.token.internal.TokenKey;
import vn.tinnhiem.token.internal.TokenKeyRefusedException;

/**
 * Two application instances on one database, as a hall's server and its standby: what one does, the other
 * knows. Each is a whole application of its own (its own Spring context, beans and memory) in this JVM, on a
 * database of their own, on the embedded server or on the Galera cluster (both through the sequential URL, as
 * a hall's instances are); the second has a copy of the first's keys folder.
 */
@ExtendWith(OutputCaptureExtension.class)
class TwoInstancesIntegrationTests {

    /** Named for the cluster's accounts, whose rights cover the databases named tinnhiem*. */
    private static final String DATABASE = "tinnhiem_two_" + System.nanoTime();

    @TempDir
    static Path temp;

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    /** The shared test context's: each application installs its own, and the other tests need theirs back. */
    static SecurityContextHolderStrategy before;

    static ConfigurableApplicationContext start(String... more) {
        List<String> args = new ArrayList<>(List.of("--tinnhiem.db.name=" + DATABASE));
        args.addAll(List.of(more));
        return OtherInstance.start(args.toArray(String[]::new), new TestDatabase());
    }

    @BeforeAll
    static void startBoth() throws Exception {
        if (TestDatabase.galera()) {
            onClusterAsRoot("CREATE DATABASE `" + DATABASE + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        before = SecurityContextHolder.getContextHolderStrategy();
        first = start();
        Path standbyKey = Files.createDirectories(temp.resolve("standby-keys")).resolve("token-hash.key");
        // The operations guide's step: the standby gets a copy of the first instance's keys folder.
        Files.copy(first.getBean(TokenKey.class).path(), standbyKey);
        second = start("--tinnhiem.tokens.key-file=" + standbyKey);
        SecurityContextHolder.setContextHolderStrategy(new BothInstances(
                first.getBean(SecurityContextHolderStrategy.class), second.getBean(SecurityContextHolderStrategy.class)));
    }

    /**
     * Vaadin gives each application a security context strategy of its own (a thread-local per instance) and
     * makes it the JVM's; a test that signs someone in ({@code Acting.as}) must reach both instances' methods.
     * Both then hold the one context object of this thread, so a change made through either is seen by both.
     */
    private record BothInstances(SecurityContextHolderStrategy a, SecurityContextHolderStrategy b)
            implements SecurityContextHolderStrategy {

        @Override
        public SecurityContext getContext() {
            SecurityContext context = a.getContext();
            if (b.getContext() != context) {
                b.setContext(context);
            }
            return context;
        }

        @Override
        public void setContext(SecurityContext context) {
            a.setContext(context);
            b.setContext(context);
        }

        @Override
        public void clearContext() {
            a.clearContext();
            b.clearContext();
        }

        @Override
        public SecurityContext createEmptyContext() {
            return a.createEmptyContext();
        }
    }

    @AfterAll
    static void stopBoth() {
        SecurityContextHolder.setContextHolderStrategy(before);
        if (second != null) {
            second.close();
        }
        if (first != null && !TestDatabase.galera()) {
            RootDatabase.as(first.getBean(EmbeddedMariaDb.class), first.getBean(DataSource.class),
                    root -> root.execute("DROP DATABASE `" + DATABASE + "`"));
        }
        if (first != null) {
            first.close();
        }
        if (TestDatabase.galera()) {
            onClusterAsRoot("DROP DATABASE IF EXISTS `" + DATABASE + "`");
        }
    }

    private static void onClusterAsRoot(String statement) {
        GaleraCluster cluster = GaleraCluster.shared();
        try (var root = java.sql.DriverManager.getConnection(cluster.nodeUrl(1, ""), "root", cluster.rootPassword());
                var s = root.createStatement()) {
            s.execute(statement);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static VotingConferences conferencesOf(ConfigurableApplicationContext app) {
        return new VotingConferences(ElectionServices.of(app), app.getBean(AccountService.class),
                app.getBean(CeremonyService.class), app.getBean(TokenService.class));
    }

    @Test
    void a_card_printed_and_activated_through_one_instance_casts_through_the_other_and_counts_there_as_spent() {
        VotingConferences.Open conference = conferencesOf(first).open(2, BallotKind.THREE_LEVEL, 1, 0);
        var standbyTablet = new TestTablet(second.getBean(VotingService.class), second.getBean(CeremonyService.class));

        CastOutcome outcome = standbyTablet.vote("kiosk-" + UUID.randomUUID(), conference.id(),
                conference.activated().getFirst(), TestTablet.blank(2));

        assertThat(outcome).isInstanceOf(CastOutcome.Recorded.class);
        try (var teller = Acting.as(conference.teller(), "TELLER")) {
            assertThat(first.getBean(TokenService.class).counts(conference.id()).spent()).isEqualTo(1);
        }
    }

    @Test
    void a_tablet_enrolled_with_a_code_shown_through_one_instance_enrolls_through_the_other_and_is_known_at_both() {
        VotingConferences.Open conference = conferencesOf(first).open(1, BallotKind.THREE_LEVEL, 0, 0);
        EnrollmentCode code;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            code = first.getBean(KioskService.class).add("Bàn dự phòng", conference.id());
        }

        var enrolled = second.getBean(KioskService.class).enroll(code.code());

        assertThat(first.getBean(KioskService.class).current(enrolled.credential())).get()
                .satisfies(k -> assertThat(k.id()).isEqualTo(code.kiosk().id()));
        assertThat(second.getBean(KioskService.class).current(enrolled.credential())).isPresent();
        // Used through the standby, the code is spent for the first instance too.
        assertThatThrownBy(() -> first.getBean(KioskService.class).enroll(code.code()))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.key()).isEqualTo("kiosk.enroll.used"));
    }

    @Test
    void wrong_passwords_typed_through_both_instances_add_up_and_pause_the_account_on_that_device_at_both()
            throws Exception {
        String name = "standby." + UUID.randomUUID().toString().substring(0, 8);
        String password;
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            password = first.getBean(AccountService.class).create(name, "Cán bộ dự phòng", Role.TELLER).oneTimePassword();
        }
        String device = "10.19.0.7";
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> signIn(first, name, "sai-mat-khau", device)).isInstanceOf(BadCredentialsException.class);
        }
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> signIn(second, name, "sai-mat-khau", device)).isInstanceOf(BadCredentialsException.class);
        }

        // Five wrong in a row on that device, three here and two there: paused at both, the right password too.
        assertThatThrownBy(() -> signIn(first, name, password, device)).isInstanceOf(LockedException.class);
        assertThatThrownBy(() -> signIn(second, name, password, device)).isInstanceOf(LockedException.class);
        assertThat(signIn(second, name, password, "10.19.0.8").isAuthenticated()).as("another device").isTrue();
    }

    @Test
    void a_third_instance_with_another_key_refuses_to_start_and_says_what_to_copy_from_where(CapturedOutput output)
            throws Exception {
        Path otherKey = Files.createDirectories(temp.resolve("other-keys")).resolve("token-hash.key");
        byte[] another = new byte[32];
        new java.security.SecureRandom().nextBytes(another);
        Files.write(otherKey, another);

        assertThatThrownBy(() -> start("--tinnhiem.tokens.key-file=" + otherKey))
                .hasRootCauseInstanceOf(TokenKeyRefusedException.class);

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", otherKey.toString(),
                "không phải là khóa mà cơ sở dữ liệu này đã ghi nhận", "is not the key this database was set up with",
                "tinnhiem.tokens.key-file", "token-hash.key", "database.key");
        assertThat(otherKey).as("the operator's own file is left alone").exists();
    }

    @Test
    void an_instance_without_a_key_file_makes_none_when_the_database_already_names_a_key(CapturedOutput output) {
        Path absent = temp.resolve("empty-keys").resolve("token-hash.key");

        assertThatThrownBy(() -> start("--tinnhiem.tokens.key-file=" + absent))
                .hasRootCauseInstanceOf(TokenKeyRefusedException.class);

        assertThat(absent).as("no new key").doesNotExist();
        assertThat(output.getAll()).contains("Không có khóa thẻ bỏ phiếu tại " + absent,
                "There is no voting cards' key at " + absent, "tinnhiem.tokens.key-file");
    }

    private static Authentication signIn(ConfigurableApplicationContext app, String name, String password,
            String address) throws Exception {
        var request = UsernamePasswordAuthenticationToken.unauthenticated(name, password);
        request.setDetails(new WebAuthenticationDetails(address, null));
        return app.getBean(AuthenticationConfiguration.class).getAuthenticationManager().authenticate(request);
    }
}
