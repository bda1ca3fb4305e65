package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code parley serve} process: its output, its shutdown, and restarts on one data dir. */
class ServeIT {
  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;

  @Test
  void listeningLineIsTheOnlyThingOnStandardOutput() {
    ServerProcess server = servers.start(dataDir);
    try (WireClient alice = WireClient.guest(server.tcpAddress(), "alice")) {
      Chat.join(alice, "1001");
      Chat.send(alice, "1001", "hello", "r1");
    }

    assertThat(server.sigterm()).isZero();

    assertThat(server.stdoutLines()).hasSize(1);
    assertThat(server.stdoutLines().get(0)).matches(ServerProcess.LISTENING);
    assertThat(server.stdoutLines().get(0)).startsWith("parley listening tcp=127.0.0.1:");
  }

  @Test
  void sigtermSaysByeShutdownToClientsAndExitsZero() {
    ServerProcess server = servers.start(dataDir);
    WireClient alice = WireClient.guest(server.tcpAddress(), "alice");
    Chat.join(alice, "1001");

    int status = server.sigterm();

    List<JsonNode> last = alice.awaitClosed(Duration.ofSeconds(10));
    assertThat(last).containsExactly(WireClient.json("{\"type\":\"bye\",\"reason\":\"shutdown\"}"));
    assertThat(status).isZero();
    alice.close();
  }

  @Test
  void restartOnTheSameDataDirKeepsHistory() {
    ServerProcess first = servers.start(dataDir);
    List<JsonNode> sent;
    try (WireClient alice = WireClient.guest(first.tcpAddress(), "alice");
        WireClient bob = WireClient.guest(first.tcpAddress(), "bob")) {
      Chat.join(alice, "1001");
      Chat.send(alice, "1001", "one", "r1");
      Chat.send(alice, "1001", "two", "r2");
      Chat.send(alice, "1001", "three", "r3");
      sent = Chat.joinSince(bob, "1001", 0);
    }
    assertThat(first.sigterm()).isZero();

    ServerProcess second = servers.start(dataDir);
    try (WireClient carol = WireClient.guest(second.tcpAddress(), "carol")) {
      List<JsonNode> replayed = Chat.joinSince(carol, "1001", 0);

      assertThat(sent).extracting(m -> m.path("text").asText()).containsExactly("one", "two", "three");
      assertThat(replayed).isEqualTo(sent);
    }
  }
}
