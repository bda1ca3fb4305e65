package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket transport: one JSON frame per text frame at {@code /ws}. Against a bridge to the
 * TCP port (always), and against the server's own HTTP listener once it has one (until then the
 * second test is skipped).
 */
class WebSocketClientIT extends ClientFixture {

  private void chatOver(URI webSocket) {
    Recorder bobHears = new Recorder();
    ParleyClient alice =
        connect(options(Credentials.guest("alice")).withEndpoint(Endpoint.webSocket(webSocket)), new Recorder());
    ParleyClient bob = guest("bob", bobHears);
    done(alice.join("lobby"));
    done(bob.join("lobby"));

    assertThat(done(alice.send("lobby", "over WebSocket \uD83D\uDE00")).id()).isEqualTo(1);
    await().atMost(WAIT).until(() -> bobHears.texts("lobby").contains("over WebSocket \uD83D\uDE00"));
  }

  @Test
  void aClientOverWebSocketChatsWithOneOverTcp() throws Exception {
    try (WebSocketBridge bridge = new WebSocketBridge(server().tcpAddress())) {
      chatOver(URI.create("ws://127.0.0.1:" + bridge.port() + "/ws"));
    }
  }

  @Test
  void aClientOverWebSocketReconnectsWhenTheServerRestarts() throws Exception {
    try (WebSocketBridge bridge = new WebSocketBridge(server().tcpAddress())) {
      Recorder aliceHears = new Recorder();
      ParleyClient alice = connect(
          options(Credentials.guest("alice"))
              .withEndpoint(Endpoint.webSocket(URI.create("ws://127.0.0.1:" + bridge.port() + "/ws"))),
          aliceHears);
      done(alice.join("lobby"));
      done(alice.send("lobby", "one"));

      restart();
      done(alice.send("lobby", "two"));

      await().atMost(WAIT).until(() -> aliceHears.messages.size() == 2);
      assertThat(aliceHears.texts("lobby")).containsExactly("one", "two");
    }
  }

  @Test
  void theServersOwnWebSocketEndpointCarriesTheProtocol() {
    Optional<InetSocketAddress> http = server(c -> c.withHttpPort(0)).httpAddress();
    Assumptions.assumeTrue(http.isPresent(), "the server has no HTTP listener yet");

    chatOver(URI.create("ws://127.0.0.1:" + http.get().getPort() + "/ws"));
  }
}
