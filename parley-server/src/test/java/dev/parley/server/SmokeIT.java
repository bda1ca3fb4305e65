package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeIT {
  @TempDir Path dir;

  @Test
  void twoGuestsChatInRoom1001() {
    try (ParleyServer server = ParleyServer.start(ServerConfig.forTests(dir));
        WireClient alice = WireClient.guest(server.tcpAddress(), "alice");
        WireClient bob = WireClient.guest(server.tcpAddress(), "bob")) {
      alice.send("{\"type\":\"join\",\"room\":\"1001\",\"ref\":\"j\"}");
      JsonNode joined = alice.expect("joined");
      assertThat(joined.get("last").asLong()).isZero();
      bob.send("{\"type\":\"join\",\"room\":\"1001\"}");
      bob.expect("joined");
      alice.expect("presence");
      bob.send("{\"type\":\"send\",\"room\":\"1001\",\"text\":\"hi\",\"ref\":\"c1\"}");
      JsonNode ack = bob.expect("ack");
      assertThat(ack.get("id").asLong()).isEqualTo(1);
      assertThat(bob.expect("msg").get("text").asText()).isEqualTo("hi");
      assertThat(alice.expect("msg").get("from").asText()).isEqualTo("bob");
    }
  }
}
