package vn.tinnhiem.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A signed-in session whose account cannot be checked because the database is down (no server on its port, as
 * when every node is gone) is not served: the request gets 503 with the database message in both languages, and
 * never reaches the screen, which could otherwise act for an account disabled meanwhile once the database is back.
 */
class ActiveAccountFilterTests {

    private final HikariDataSource nowhere = new HikariDataSource();

    @AfterEach
    void close() {
        nowhere.close();
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_session_that_cannot_be_checked_is_refused_with_the_database_message() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nowhere.setJdbcUrl("jdbc:mariadb://127.0.0.1:" + probe.getLocalPort() + "/tinnhiem");
        }
        nowhere.setUsername("tinnhiem");
        nowhere.setPassword("unused");
        nowhere.setConnectionTimeout(500);
        nowhere.setInitializationFailTimeout(-1);
        var filter = new ActiveAccountFilter(new AccountSessions(new AccountRepository(DSL.using(nowhere, SQLDialect.MARIADB))));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "organiser", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        var response = new MockHttpServletResponse();
        AtomicBoolean served = new AtomicBoolean();

        filter.doFilter(new MockHttpServletRequest("POST", "/"), response, (req, res) -> served.set(true));

        assertThat(served).as("the screen behind the filter").isFalse();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("Cơ sở dữ liệu không sẵn sàng").contains("The database is not available");
    }
}
