package vn.tinnhiem.shared.ui;

import java.util.List;
import java.util.Optional;

import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.Roles;

/** The signed-in person's role by name (the account module owns the roles; the shell only shows them). */
final class StaffRole {

    static final List<String> ALL = Roles.ALL;

    private StaffRole() {
    }

    static Optional<String> current() {
        return ALL.stream().filter(CurrentStaff::hasRole).findFirst();
    }
}
