package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract sections "HTTP long-polling" and "Limits and abuse": a long-polling session's unsent
 * output (frames no {@code recv} has taken, and answers not yet written out) is bounded exactly
 * like a socket's, so sessions that join a big room and never read are closed as slow
 * consumers within seconds instead of holding the replay until they expire, while a session
 * that polls as the web page does is never cut, even in a busy room.
 */
class PollFlowControlIT extends ServerFixture {
  private static final int IDLE_SESSIONS = 5;
  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    // The 200-message replay below is 2.5 MB: over the limit, under four times it.
    return defaults.withRatePerSecond(UNLIMITED).withMaxPendingBytes(1024 * 1024);
  }

  @Test
  void sessionsThatJoinWithSinceZeroAndNeverRecvAreClosedAsSlowConsumers() throws Exception {
    ReplayFlowControlIT.seedEuros(this, "lobby", 200);
    List<String> idle = new ArrayList<>();
    for (int i = 0; i < IDLE_SESSIONS; i++) {
      String sid = openGuest("idle" + i);
      assertThat(post("/poll/send", sid, joinSinceZero()).statusCode()).isEqualTo(204);
      idle.add(sid);
    }
    WireClient reader = pollGuest("reader");

    join(reader, "lobby", 0);

    List<JsonNode> replay = takeMsgs(reader, 200);
    assertThat(ids(replay)).containsExactlyElementsOf(range(1, 200));
    await().atMost(Duration.ofSeconds(20)).until(() -> slowConsumers() == IDLE_SESSIONS);
    for (String sid : idle) {
      assertThat(recv(sid).statusCode()).as("recv of a closed session").isEqualTo(404);
    }
    for (int i = 0; i < IDLE_SESSIONS; i++) {
      assertThat(reader.expect("presence").path("event").asText()).isEqualTo("leave");
    }
    say(reader, "lobby", "still here");
  }

  @Test
  void aSessionThatTakesItsAnswersButNeverReadsThemIsASlowConsumerToo() throws Exception {
    // 7.5 MB: pipelined answers are written one after another (in order), and the kernel's
    // buffers on loopback take about 3 MB of them before the server's own count grows.
    ReplayFlowControlIT.seedEuros(this, "lobby", 600);
    String sid = openGuest("taker");
    assertThat(post("/poll/send", sid, joinSinceZero()).statusCode()).isEqualTo(204);
    InetSocketAddress address = server().httpAddress().orElseThrow();
    String recv = "GET /poll/recv HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + sid + "\r\n\r\n";

    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", address.getPort()), 5000);
      OutputStream out = socket.getOutputStream();
      out.write(recv.repeat(50).getBytes(StandardCharsets.US_ASCII)); // pipelined, never read
      out.flush();

      await().atMost(Duration.ofSeconds(20)).until(() -> slowConsumers() == 1);
    }
    assertThat(recv(sid).statusCode()).isEqualTo(404);
  }

  @Test
  void aSessionThatPollsLikeTheWebPageIsNotCutInABusyRoom() {
    configure(c -> c.withMaxPendingBytes(64 * 1024));
    WireClient reader = pollGuest("reader");
    join(reader, "lobby");
    List<WireClient> senders = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      WireClient sender = guest("sender" + i);
      join(sender, "lobby");
      senders.add(sender);
    }
    String padding = " " + "chatter ".repeat(40);

    int rounds = 20;
    int each = 5;
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < senders.size(); i++) {
        for (int k = 0; k < each; k++) {
          senders.get(i).sendFrame("type", "send", "room", "lobby", "text", "s" + i + " r" + round + padding);
        }
      }
      for (WireClient sender : senders) {
        takeMsgs(sender, senders.size() * each, "ack", "presence");
      }
    }

    int total = rounds * senders.size() * each;
    List<JsonNode> received = takeMsgs(reader, total, "presence");
    assertThat(ids(received)).containsExactlyElementsOf(range(1, total));
    assertThat(slowConsumers()).isZero();
    say(reader, "lobby", "still here");
  }

  private WireClient pollGuest(String name) {
    WireClient client = closeAfter(WireClient.longPoll(uri("/")));
    client.sendFrame("type", "hello", "user", name);
    client.expect("welcome");
    return client;
  }

  private static String joinSinceZero() {
    return "[" + WireClient.frame("type", "join", "room", "lobby", "since", 0) + "]";
  }

  private double slowConsumers() {
    return MetricsPage.value(server(), "parley_byes_total{reason=\"slow_consumer\"}");
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server().httpAddress().orElseThrow().getPort() + path);
  }

  private String openGuest(String name) throws IOException, InterruptedException {
    HttpResponse<String> opened = post("/poll/open", null, WireClient.frame("type", "hello", "user", name));
    assertThat(opened.statusCode()).isEqualTo(200);
    return WireClient.json(opened.body()).path("sid").asText();
  }

  private HttpResponse<String> post(String path, String sid, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (sid != null) {
      b.header("Authorization", "Bearer " + sid);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> recv(String sid) throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(uri("/poll/recv")).header("Authorization", "Bearer " + sid).timeout(Duration.ofSeconds(30)).GET().build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }
}
