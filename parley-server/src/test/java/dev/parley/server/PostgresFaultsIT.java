package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.store.postgres.PostgresDatabase;
import dev.parley.testkit.Fault;
import dev.parley.testkit.FaultProxy;
import dev.parley.testkit.TestDatabase;
import dev.parley.testkit.WireClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL unreachable: at start, a one-line {@link ConfigException} naming it; while running
 * (the link to it cut by a {@link FaultProxy}, new connections black-holed), sends are answered
 * {@code internal} and delivered to nobody, nothing acknowledged is lost, and the server stores
 * again by itself once the link is back.
 */
class PostgresFaultsIT {
  @TempDir Path dir;
  @RegisterExtension final PostgresDatabase database = new PostgresDatabase();

  @Test
  void anUnreachablePostgresAtStartIsOneLineNamingItWithoutThePassword() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String url = "postgresql://parley:s3cret@127.0.0.1:" + closedPort + "/parley";

    assertThatThrownBy(() -> ParleyServer.start(ServerConfig.forTests(dir).withPostgres(url)))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage())
            .startsWith("--postgres: ")
            .contains("PostgreSQL", "postgresql://parley@127.0.0.1:" + closedPort + "/parley")
            .doesNotContain("s3cret")
            .doesNotContain("\n"));
  }

  @Test
  void aSendWhilePostgresIsCutOffIsAnsweredInternalAndTheServerRecoversByItself() {
    TestDatabase db = database.get();
    try (FaultProxy link = FaultProxy.start(new InetSocketAddress(TestDatabase.HOST, TestDatabase.PORT));
        ParleyServer server = ParleyServer.start(ServerConfig.forTests(dir).withPostgres(
            "postgresql://" + TestDatabase.USER + "@127.0.0.1:" + link.address().getPort() + "/" + db.name()));
        WireClient alice = WireClient.guest(server.tcpAddress(), "alice");
        WireClient bob = WireClient.guest(server.tcpAddress(), "bob")) {
      alice.sendFrame("type", "join", "room", "r").expect("joined");
      bob.sendFrame("type", "join", "room", "r").expect("joined");
      alice.expect("presence");
      alice.sendFrame("type", "send", "room", "r", "text", "before", "ref", "c1");
      assertThat(alice.expect("ack").path("id").asLong()).isEqualTo(1);
      alice.expect("msg");
      bob.expect("msg");

      link.apply(Fault.blackHole()); // new connections hang
      link.cutAll(); // open ones are reset
      alice.sendFrame("type", "send", "room", "r", "text", "during", "ref", "c2");
      JsonNode error = alice.next(Duration.ofSeconds(20));
      assertThat(error.path("type").asText()).as("%s", error).isEqualTo("error");
      assertThat(error.path("code").asText()).isEqualTo("internal");
      assertThat(error.path("ref").asText()).isEqualTo("c2");
      bob.assertNoMoreFrames(Duration.ofMillis(200));

      link.apply(Fault.none());
      // The client retries as a client does; the server takes it once its pool has reconnected.
      JsonNode ack = retryUntilAcked(alice, "during", "c2");
      assertThat(ack.path("id").asLong()).isEqualTo(2);
      assertThat(alice.expect("msg").path("id").asLong()).isEqualTo(2);
      assertThat(bob.expect("msg").path("text").asText()).isEqualTo("during");

      try (WireClient carol = WireClient.guest(server.tcpAddress(), "carol")) {
        carol.sendFrame("type", "join", "room", "r", "since", 0).expect("joined");
        assertThat(carol.expect("msg").path("text").asText()).isEqualTo("before");
        assertThat(carol.expect("msg").path("text").asText()).isEqualTo("during");
      }
    }
  }

  /** Sends until an ack comes (bounded: 20 tries, a second apart). */
  private static JsonNode retryUntilAcked(WireClient client, String text, String ref) {
    for (int attempt = 0; attempt < 20; attempt++) {
      client.sendFrame("type", "send", "room", "r", "text", text, "ref", ref);
      JsonNode answer = client.next(Duration.ofSeconds(20));
      if (answer.path("type").asText().equals("ack")) {
        return answer;
      }
      assertThat(answer.path("code").asText()).as("%s", answer).isEqualTo("internal");
      sleep(1000);
    }
    throw new AssertionError("no ack after 20 tries");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
