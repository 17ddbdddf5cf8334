package vn.tinnhiem;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.component.page.Viewport;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.lumo.Lumo;
import com.vaadin.flow.component.dependency.StyleSheet;

/** TinNhiem: electronic kiosk system for confidence votes. */
@SpringBootApplication
@Viewport("width=device-width, initial-scale=1")
@Meta(name = "color-scheme", content = "light")
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles.css")
@PWA(name = "TinNhiem — Lấy phiếu tín nhiệm", shortName = "TinNhiem")
// Server push (WebSocket, falling back to long polling) carries the supervision pages' live figures.
@Push
public class TinNhiemApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        // The offline key ceremony runs on a laptop that never sees the network: no Spring, no database.
        if (args.length > 0 && args[0].equals("ceremony")) {
            System.exit(vn.tinnhiem.ceremony.OfflineCeremony.run(args, System.in, System.out, System.err));
        }
        // So does each teller's partial decryption for the unsealing (kiosk-setup/offline-decryption.md).
        if (args.length > 0 && args[0].equals("decrypt-share")) {
            System.exit(vn.tinnhiem.count.OfflineDecryption.run(args, System.in, System.out, System.err));
        }
        // Anyone checks an election record with the jar alone: no Spring, no database.
        if (args.length > 0 && args[0].equals("verify")) {
            System.exit(vn.tinnhiem.verify.VerifyCommand.run(args, System.out, System.err));
        }
        // Backups and restores drive mariadb-backup; they must also run while the application is stopped.
        if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
            System.exit(vn.tinnhiem.shared.database.BackupCommand.run(args, System.out, System.err));
        }
        // jOOQ's banner and tips add nothing to a hall server's console.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        SpringApplication.run(TinNhiemApplication.class, args);
    }
}
