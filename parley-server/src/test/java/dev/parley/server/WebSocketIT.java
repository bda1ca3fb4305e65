package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What only the WebSocket transport has: the Origin check, WebSocket pings, message kinds. */
class WebSocketIT extends ServerFixture {

  private URI wsUri() {
    return URI.create("ws://127.0.0.1:" + server().httpAddress().orElseThrow().getPort() + "/ws");
  }

  private String ownOrigin() {
    return "http://127.0.0.1:" + server().httpAddress().orElseThrow().getPort();
  }

  @Test
  void aPageFromAnotherSiteIsRefused() {
    assertThatThrownBy(() -> WireClient.webSocket(wsUri(), "http://evil.example"))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class, e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
  }

  @Test
  void aPageServedByThisServerIsAccepted() {
    WireClient ann = WireClient.webSocket(wsUri(), ownOrigin());
    ann.sendFrame("type", "hello", "user", "ann");
    ann.expect("welcome");
    ann.close();
  }

  @Test
  void anOriginAllowedWithAllowOriginIsAccepted() {
    configure(c -> c.withAllowedOrigins(List.of("https://chat.example.org")));
    WireClient ann = WireClient.webSocket(wsUri(), "https://chat.example.org");
    ann.sendFrame("type", "hello", "user", "ann");
    ann.expect("welcome");
    ann.close();
  }

  /**
   * A background tab may not run its scripts' heartbeat for a while, but the browser still
   * answers WebSocket pings (the JDK client does too); those pongs keep the connection open.
   */
  @Test
  void aClientThatOnlyAnswersWebSocketPingsStaysOpen() {
    configure(c -> c.withHeartbeat(Duration.ofSeconds(1)));
    WireClient ann = WireClient.webSocket(wsUri(), null);
    ann.sendFrame("type", "hello", "user", "ann");
    ann.expect("welcome");
    long start = System.nanoTime();
    while (System.nanoTime() - start < Duration.ofMillis(4500).toNanos()) {
      assertThat(ann.next(Duration.ofSeconds(3)).path("type").asText()).isEqualTo("ping");
    }
    ann.sendFrame("type", "ping", "ref", "alive");
    JsonNode frame = ann.next();
    while (frame.path("type").asText().equals("ping")) {
      frame = ann.next();
    }
    assertThat(refOf(frame)).isEqualTo("alive");
    ann.close();
  }

  @Test
  void aBinaryMessageIsABadRequest() throws Exception {
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(wsUri(), new WebSocket.Listener() {
              @Override
              public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                received.add(data.toString());
                w.request(1);
                return null;
              }
            })
            .get(10, TimeUnit.SECONDS);
    ws.sendBinary(ByteBuffer.wrap("{\"type\":\"ping\"}".getBytes()), true).get(10, TimeUnit.SECONDS);
    String answer = received.poll(10, TimeUnit.SECONDS);
    assertThat(WireClient.json(answer).path("code").asText()).isEqualTo("bad_request");
    ws.abort();
  }
}
