package vn.tinnhiem.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import vn.tinnhiem.account.AccountService;
import vn.tinnhiem.account.Role;
import vn.tinnhiem.support.IntegrationTest;

/** A disabled account's open session ends at its next request; an active one's goes on. */
@IntegrationTest
class ActiveAccountFilterIntegrationTests {

    @Autowired
    AccountService accounts;
    @Autowired
    AccountSessions sessions;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static void actAs(String username, String role) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(username, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }

    private MockHttpSession requestAs(String username) throws Exception {
        actAs(username, "TELLER");
        var session = new MockHttpSession();
        var request = new MockHttpServletRequest("POST", "/");
        request.setSession(session);
        new ActiveAccountFilter(sessions).doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        return session;
    }

    @Test
    void a_disabled_account_loses_its_session_at_its_next_request() throws Exception {
        actAs("organiser", "ADMIN");
        long id = accounts.create("teller.filter", "Thành viên", Role.TELLER).account().id();

        assertThat(requestAs("teller.filter").isInvalid()).isFalse();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNotNull();

        actAs("organiser", "ADMIN");
        accounts.setEnabled(id, false);
        assertThat(requestAs("teller.filter").isInvalid()).isTrue();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }
}
