package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.sqlite.SqliteStore;
import dev.parley.testkit.WireClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory holds password hashes and every private message: no other local user may
 * read it, whether the server makes it or finds it made by an older version (security issue,
 * finding 11).
 */
class PrivateFilesIT {
  @TempDir Path parent;

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static void chat(ParleyServer server, String user) {
    try (WireClient ann = WireClient.register(server.tcpAddress(), user, "correct horse")) {
      ann.sendFrame("type", "join", "room", user);
      ann.expect("joined");
      ann.sendFrame("type", "send", "room", user, "text", "a secret");
      ann.expect("ack");
    }
  }

  @Test
  void aNewDataDirectoryAndTheStoreFilesAreTheServerUsersAlone() throws Exception {
    Path data = parent.resolve("data");
    try (ParleyServer server = ParleyServer.start(ServerConfig.forTests(data))) {
      chat(server, "ann");

      assertThat(mode(data)).isEqualTo("rwx------");
      for (String file : new String[] {"", "-wal", "-shm"}) {
        assertThat(mode(data.resolve(SqliteStore.FILE_NAME + file))).as(file).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void anOlderInstallationsOpenDirectoryAndFilesAreNarrowed() throws Exception {
    Path data = parent.resolve("data");
    try (ParleyServer server = ParleyServer.start(ServerConfig.forTests(data))) {
      chat(server, "ann");
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(data.resolve(SqliteStore.FILE_NAME), PosixFilePermissions.fromString("rw-r--r--"));

    try (ParleyServer server = ParleyServer.start(ServerConfig.forTests(data))) {
      chat(server, "bob");

      assertThat(mode(data)).isEqualTo("rwx------");
      assertThat(mode(data.resolve(SqliteStore.FILE_NAME))).isEqualTo("rw-------");
    }
  }
}
