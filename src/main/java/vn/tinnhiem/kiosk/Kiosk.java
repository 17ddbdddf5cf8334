package vn.tinnhiem.kiosk;

import vn.tinnhiem.shared.ElectionId;

/**
 * A tablet as stored: a random id (32 hex characters), the name the administrator gave it ("Bàn 1"),
 * the conference it votes for, and its status.
 */
public record Kiosk(String id, String name, ElectionId electionId, KioskStatus status) {

    public boolean isActive() {
        return status == KioskStatus.ACTIVE;
    }
}
