package vn.tinnhiem.shared.ui;

import java.util.List;
import java.util.Optional;

import vn.tinnhiem.shared.CurrentStaff;

/** The signed-in person's role by name (the account module owns the roles; the shell only shows them). */
final class StaffRole {

    static final List<String> ALL = List.of("ADMIN", "TELLER", "SUPERVISOR");

    private StaffRole() {
    }

    static Optional<String> current() {
        return ALL.stream().filter(CurrentStaff::hasRole).findFirst();
    }
}
