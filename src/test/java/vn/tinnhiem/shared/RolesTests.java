package vn.tinnhiem.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import vn.tinnhiem.account.Role;

class RolesTests {

    @Test
    void the_role_constants_name_exactly_the_roles_an_account_can_hold() {
        assertThat(Roles.ALL).containsExactlyElementsOf(Arrays.stream(Role.values()).map(Role::name).toList());
    }
}
