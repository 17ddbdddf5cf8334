package vn.tinnhiem.shared.database;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed start says what went wrong and what to do, before anything is half-started. */
class EmbeddedMariaDbTests {

    @TempDir
    Path temp;

    @Test
    void a_taken_port_is_named_with_the_setting_that_changes_it() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedMariaDb.start(temp.resolve("db"), taken.getLocalPort()))
                    .isInstanceOf(EmbeddedMariaDb.EmbeddedDatabaseException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("--tinnhiem.db.port");
        }
    }

    @Test
    void a_data_folder_that_cannot_be_made_is_named_with_the_setting_that_changes_it() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> EmbeddedMariaDb.start(file.resolve("db"), 0))
                .isInstanceOf(EmbeddedMariaDb.EmbeddedDatabaseException.class)
                .hasMessageContaining(file.resolve("db").toString())
                .hasMessageContaining("--tinnhiem.db.data-dir");
    }
}
