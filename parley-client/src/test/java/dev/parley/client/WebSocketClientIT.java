package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The WebSocket transport against the server's own {@code GET /ws}: one JSON frame per text frame. */
class WebSocketClientIT extends ClientFixture {

  private ClientOptions overWebSocket(String user) {
    int httpPort = server().httpAddress().orElseThrow().getPort();
    return options(Credentials.guest(user))
        .withEndpoint(Endpoint.webSocket(URI.create("ws://127.0.0.1:" + httpPort + "/ws")));
  }

  @Test
  void aClientOverWebSocketChatsWithOneOverTcp() {
    Recorder bobHears = new Recorder();
    ParleyClient alice = connect(overWebSocket("alice"), new Recorder());
    ParleyClient bob = guest("bob", bobHears);
    done(alice.join("lobby"));
    done(bob.join("lobby"));

    assertThat(done(alice.send("lobby", "over WebSocket \uD83D\uDE00")).id()).isEqualTo(1);
    await().atMost(WAIT).until(() -> bobHears.texts("lobby").contains("over WebSocket \uD83D\uDE00"));
  }

  @Test
  void aClientOverWebSocketResumesWhenTheServerRestarts() {
    Recorder aliceHears = new Recorder();
    ParleyClient alice = connect(overWebSocket("alice"), aliceHears);
    ParleyClient bob = guest("bob", new Recorder());
    done(alice.join("lobby"));
    done(bob.join("lobby"));
    done(alice.send("lobby", "one"));

    restart();
    done(bob.send("lobby", "two"));
    done(alice.send("lobby", "three"));

    await().atMost(WAIT).until(() -> aliceHears.messages.size() == 3);
    assertThat(aliceHears.texts("lobby")).containsExactly("one", "two", "three");
  }
}
