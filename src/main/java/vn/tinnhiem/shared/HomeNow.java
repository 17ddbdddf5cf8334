package vn.tinnhiem.shared;

import java.util.List;

/**
 * What the home page's "now" section offers the signed-in person, by their role: the lines to read (message keys)
 * and the screens to open. Nothing for a person with no role (the page says so).
 */
public record HomeNow(List<String> lineKeys, List<Link> links) {

    /** A screen to open: its path, the link's element id and its text's message key. */
    public record Link(String path, String id, String textKey) {}

    public HomeNow {
        lineKeys = List.copyOf(lineKeys);
        links = List.copyOf(links);
    }

    /** For whoever is signed in on this thread. */
    public static HomeNow forCurrentStaff() {
        return CurrentStaff.role().map(HomeNow::of).orElse(new HomeNow(List.of(), List.of()));
    }

    static HomeNow of(String role) {
        var audit = new Link("audit", "home-audit", "home.link.audit");
        return switch (role) {
            case Roles.ADMIN -> new HomeNow(List.of("home.admin.now.setup", "home.admin.now.conferences",
                    "home.admin.now.accounts", "home.admin.now.audit"),
                    List.of(new Link("elections", "home-elections", "home.link.elections"),
                            new Link("accounts", "home-accounts", "home.link.accounts"), audit));
            case Roles.TELLER -> new HomeNow(List.of("home.teller.now.conferences", "home.teller.now.noSetup"),
                    List.of());
            case Roles.SUPERVISOR -> new HomeNow(List.of("home.supervisor.now.conferences",
                    "home.supervisor.now.turnout", "home.supervisor.now.audit"), List.of(audit));
            default -> new HomeNow(List.of(), List.of());
        };
    }
}
