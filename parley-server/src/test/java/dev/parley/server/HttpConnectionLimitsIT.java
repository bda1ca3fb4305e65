package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an HTTP connection may hold: a request must arrive whole within its deadline, counted
 * from its first byte, so bytes trickled to keep a socket open do not; and every HTTP
 * connection counts toward {@code --max-connections-per-address} like a TCP one.
 */
class HttpConnectionLimitsIT extends ServerFixture {
  private static final String HEALTHZ = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  private InetSocketAddress http() {
    return server().httpAddress().orElseThrow();
  }

  @Test
  void requestsTrickledAByteAtATimeAreClosedAtTheirDeadline() {
    configure(c -> c.withHttpRequestTimeout(Duration.ofSeconds(1)));
    List<RawHttp> slow = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      slow.add(closeAfter(new RawHttp(http())).send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
    }

    // A byte every 200 ms for at most 15 s: each one would restart an idle timer.
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    List<RawHttp> open = new ArrayList<>(slow);
    while (!open.isEmpty() && System.nanoTime() < until) {
      open.removeIf(s -> !s.trickle((byte) 'a') || s.isClosedByServer(10));
      await().pollDelay(Duration.ofMillis(200)).until(() -> true);
    }

    assertThat(open).as("connections still open after 15 s of trickling").isEmpty();
    assertThat(MetricsPage.count(server(), "parley_protocol_violations_total{kind=\"request_timeout\",transport=\"http\"}"))
        .isEqualTo(20);
    assertThat(MetricsPage.count(server(), "parley_protocol_violations_total{kind=\"bad_request\",transport=\"http\"}"))
        .as("a request cut off by its deadline is not also a bad request")
        .isZero();
  }

  @Test
  void aKeepAliveConnectionMayRestBetweenRequestsLongerThanTheDeadline() {
    configure(c -> c.withHttpRequestTimeout(Duration.ofSeconds(1)));
    RawHttp http = closeAfter(new RawHttp(http()));
    assertThat(http.send(HEALTHZ).read().status()).isEqualTo(200);

    await().pollDelay(Duration.ofSeconds(2)).until(() -> true);

    assertThat(http.send(HEALTHZ).read().status()).isEqualTo(200);
  }

  @Test
  void aLongPollRecvHeldLongerThanTheDeadlineIsAnswered() throws Exception {
    configure(c -> c.withHttpRequestTimeout(Duration.ofSeconds(1)).withPollTimes(Duration.ofSeconds(3), Duration.ofSeconds(10)));
    HttpClient client = HttpClient.newHttpClient();
    URI base = URI.create("http://127.0.0.1:" + http().getPort());
    HttpResponse<String> opened = client.send(
        HttpRequest.newBuilder(base.resolve("/poll/open")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(WireClient.frame("type", "hello", "user", "ann"))).build(),
        HttpResponse.BodyHandlers.ofString());
    String sid = WireClient.json(opened.body()).path("sid").asText();

    HttpResponse<String> recv = client.send(
        HttpRequest.newBuilder(base.resolve("/poll/recv")).header("Authorization", "Bearer " + sid).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(recv.statusCode()).isEqualTo(200);
    assertThat(recv.body()).isEqualTo("[]");
  }

  @Test
  void plainHttpConnectionsCountTowardTheLimitPerAddress() throws Exception {
    configure(c -> c.withMaxConnectionsPerAddress(2));
    for (int i = 0; i < 2; i++) {
      assertThat(closeAfter(new RawHttp(http())).send(HEALTHZ).read().status()).isEqualTo(200);
    }

    WireClient tcp = connect();
    assertThat(tcp.awaitClosed(Duration.ofSeconds(10))).extracting(f -> f.path("code").asText())
        .containsExactly("rate_limited");
    RawHttp third = closeAfter(new RawHttp(http()));
    RawHttp.Answer refused = third.send(HEALTHZ).read();
    assertThat(refused.status()).isEqualTo(429);
    assertThat(third.isClosedByServer()).isTrue();

    try (WireClient elsewhere = WireClient.connectFrom(server().tcpAddress(), InetAddress.getByName("127.0.0.2"))) {
      elsewhere.sendFrame("type", "hello", "user", "elsewhere");
      assertThat(elsewhere.expect("welcome").path("user").asText()).isEqualTo("elsewhere");
    }
  }

  @Test
  void aClosedHttpConnectionFreesItsSlot() {
    configure(c -> c.withMaxConnectionsPerAddress(1));
    try (RawHttp first = new RawHttp(http())) {
      assertThat(first.send(HEALTHZ).read().status()).isEqualTo(200);
    }

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      try (WireClient again = connect()) {
        again.sendFrame("type", "hello", "user", "again");
        assertThat(again.next().path("type").asText()).isEqualTo("welcome");
      }
    });
  }

  @Test
  void aWebSocketCountsOnceForItsAddress() {
    configure(c -> c.withMaxConnectionsPerAddress(2));
    WireClient ws = closeAfter(WireClient.webSocket(URI.create("ws://127.0.0.1:" + http().getPort() + "/ws"), null));
    ws.sendFrame("type", "hello", "user", "ann").expect("welcome");
    guest("bob");

    List<JsonNode> third = connect().awaitClosed(Duration.ofSeconds(10));
    assertThat(third).extracting(f -> f.path("code").asText()).containsExactly("rate_limited");
  }
}
