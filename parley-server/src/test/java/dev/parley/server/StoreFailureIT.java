package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.store.sqlite.SqliteStore;
import dev.parley.testkit.WireClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the store cannot write, a send is answered {@code internal} with no ack, nobody gets a
 * {@code msg}, the connection stays usable, and a retry with the same ref succeeds once the
 * store can write again. The failure is real: another connection holds SQLite's exclusive
 * lock past the server's busy timeout.
 */
class StoreFailureIT {
  @TempDir Path dir;

  @Test
  void aSendTheStoreCannotTakeIsAnsweredInternalAndDeliveredToNobody() throws Exception {
    try (ParleyServer server = ParleyServer.start(ServerConfig.forTests(dir));
        WireClient alice = WireClient.guest(server.tcpAddress(), "alice");
        WireClient bob = WireClient.guest(server.tcpAddress(), "bob")) {
      alice.send("{\"type\":\"join\",\"room\":\"r\"}").expect("joined");
      bob.send("{\"type\":\"join\",\"room\":\"r\"}").expect("joined");
      alice.expect("presence");

      try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
          Statement s = locker.createStatement()) {
        s.execute("BEGIN EXCLUSIVE");
        alice.send("{\"type\":\"send\",\"room\":\"r\",\"text\":\"lost?\",\"ref\":\"c1\"}");
        JsonNode error = alice.expectError("internal");
        assertThat(error.get("ref").asText()).isEqualTo("c1");
        bob.assertNoMoreFrames(Duration.ofMillis(200));
        s.execute("ROLLBACK");
      }

      alice.send("{\"type\":\"send\",\"room\":\"r\",\"text\":\"lost?\",\"ref\":\"c1\"}");
      JsonNode ack = alice.expect("ack");
      assertThat(ack.get("id").asLong()).isEqualTo(1);
      assertThat(alice.expect("msg").get("id").asLong()).isEqualTo(1);
      assertThat(bob.expect("msg").get("text").asText()).isEqualTo("lost?");
      bob.assertNoMoreFrames();
    }
  }
}
