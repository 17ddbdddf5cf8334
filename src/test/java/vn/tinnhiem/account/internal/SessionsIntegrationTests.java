package vn.tinnhiem.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.core.env.Environment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import com.vaadin.flow.server.VaadinServlet;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.support.Acting;
import vn.tinnhiem.support.IntegrationTest;

/** Sessions: the forced password change holds in the services; a change or reset ends the other sessions. */
@IntegrationTest
class SessionsIntegrationTests {

    @Autowired
    AccountService accounts;
    @Autowired
    AccountSessions sessions;
    @Autowired
    AuditLog audit;
    @Autowired
    AuthenticationConfiguration authentication;
    @Autowired
    List<ServletRegistrationBean<?>> servlets;
    @Autowired
    Environment environment;
    @LocalServerPort
    int port;

    SignIns signIns;

    @BeforeEach
    void setUp() throws Exception {
        signIns = new SignIns(authentication);
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private String create(String username) {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            return accounts.create(username, "Thành viên", Role.TELLER).oneTimePassword();
        }
    }

    /** One request of the session signed in as {@code signedIn}: whether the session survives it. */
    private boolean survivesRequest(Authentication signedIn) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(signedIn);
        var session = new MockHttpSession();
        var request = new MockHttpServletRequest("POST", "/");
        request.setSession(session);
        new ActiveAccountFilter(sessions).doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        return !session.isInvalid();
    }

    @Test
    void until_the_one_time_password_is_changed_no_service_but_the_change_answers() {
        String oneTime = create("forced.teller");
        Authentication session = signIns.signIn("forced.teller", oneTime, "10.70.0.1");
        SecurityContextHolder.getContext().setAuthentication(session);

        assertThat(CurrentStaff.mustChangePassword()).isTrue();
        assertThat(CurrentStaff.hasRole("TELLER")).isFalse();
        assertThatThrownBy(() -> audit.newest(1)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> accounts.find("forced.teller")).isInstanceOf(AuthorizationDeniedException.class);

        accounts.changeOwnPassword(oneTime, "my-own-password-1");

        // The same session goes on, now with its role.
        assertThat(CurrentStaff.hasRole("TELLER")).isTrue();
        assertThat(CurrentStaff.mustChangePassword()).isFalse();
        assertThat(audit.newest(1)).isNotEmpty();
        assertThat(signIns.signIn("forced.teller", "my-own-password-1", "10.70.0.1").getAuthorities())
                .anyMatch(a -> "ROLE_TELLER".equals(a.getAuthority()));
    }

    @Test
    void a_password_change_ends_the_other_sessions_and_a_reset_ends_them_all() throws Exception {
        String oneTime = create("many.sessions");
        Authentication console = signIns.signIn("many.sessions", oneTime, "10.71.0.1");
        Authentication tablet = signIns.signIn("many.sessions", oneTime, "10.71.0.2");
        assertThat(survivesRequest(console)).isTrue();
        assertThat(survivesRequest(tablet)).isTrue();

        SecurityContextHolder.getContext().setAuthentication(console);
        accounts.changeOwnPassword(oneTime, "changed-on-the-console");
        Authentication consoleAfterChange = SecurityContextHolder.getContext().getAuthentication();

        assertThat(survivesRequest(consoleAfterChange)).as("the session that made the change").isTrue();
        assertThat(survivesRequest(tablet)).as("another session of the account").isFalse();

        Authentication later = signIns.signIn("many.sessions", "changed-on-the-console", "10.71.0.3");
        assertThat(survivesRequest(later)).isTrue();
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            accounts.resetPassword(accounts.find("many.sessions").orElseThrow().id());
        }
        assertThat(survivesRequest(consoleAfterChange)).isFalse();
        assertThat(survivesRequest(later)).isFalse();
    }

    @Test
    void an_administrator_cannot_reset_their_own_password_and_lose_the_session_that_shows_it() {
        try (var organiser = Acting.as("organiser", "ADMIN")) {
            long self = accounts.find("organiser").map(a -> a.id())
                    .orElseGet(() -> accounts.create("organiser", "Ban tổ chức", Role.ADMIN).account().id());
            assertThatThrownBy(() -> accounts.resetPassword(self))
                    .hasFieldOrPropertyWithValue("key", "account.error.resetSelf");
        }
    }

    @Test
    void idle_sessions_are_closed_although_the_heartbeat_keeps_them_alive() throws Exception {
        // The servlet starts with the first request.
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.discarding());
        var vaadin = servlets.stream().map(ServletRegistrationBean::getServlet)
                .filter(VaadinServlet.class::isInstance).map(VaadinServlet.class::cast).findFirst().orElseThrow();
        var configuration = vaadin.getService().getDeploymentConfiguration();
        assertThat(configuration.isCloseIdleSessions()).isTrue();
        // A heartbeat well inside the session timeout, so that an idle session is found and closed.
        assertThat(configuration.getHeartbeatInterval()).isPositive().isLessThan(30 * 60);
        assertThat(environment.getProperty("server.servlet.session.timeout")).isEqualTo("30m");
    }
}
