package vn.tinnhiem.ceremony;

import vn.tinnhiem.shared.Permission;

/**
 * What a fixed conference's home card says of its ceremony to the signed-in person: where it stands, and whether
 * the console is theirs (the organiser's screen; a teller takes their card there, with their password).
 */
public record CeremonyOnCard(CeremonyStatus status, Permission console) {}
