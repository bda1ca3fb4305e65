package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.Haproxy;
import dev.parley.testkit.WireClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** HAProxy's HTTP frontend before two nodes: what it must route to one node, and what it must not show. */
class HaproxyHttpIT {
  private static final int SENDS = 20;

  @RegisterExtension final HaproxyCluster cluster = new HaproxyCluster();
  @TempDir Path dir;

  @Test
  void aLongPollingSessionStaysOnTheNodeThatOpenedItThroughTheCookie() {
    Haproxy haproxy = cluster.start(dir, 2);
    // Without stickiness leastconn would spread send and recv over both nodes, and the node
    // that did not open the session answers its sid with 404, which ends the session.
    try (WireClient poller = WireClient.longPoll(haproxy.httpUri())) {
      poller.sendFrame("type", "hello", "user", "poller");
      poller.expect("welcome");
      Chat.join(poller, "sticky");
      for (int i = 1; i <= SENDS; i++) {
        JsonNode ack = Chat.send(poller, "sticky", "m" + i, "r" + i);
        assertThat(ack.path("id").asLong()).isEqualTo(i);
      }
      poller.assertNoMoreFrames();
    }
  }

  @Test
  void metricsThroughHaproxyAreRefusedWhileHealthzAnswers() throws Exception {
    Haproxy haproxy = cluster.start(dir, 2);
    HttpClient http = HttpClient.newHttpClient();

    assertThat(get(http, haproxy.httpUri().resolve("/metrics")).statusCode()).isEqualTo(403);
    HttpResponse<String> health = get(http, haproxy.httpUri().resolve("/healthz"));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).startsWith("ok\n");
    assertThat(get(http, cluster.node("n1").httpUri().resolve("/metrics")).statusCode())
        .as("the same node asked directly from its machine").isEqualTo(200);
  }

  private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
