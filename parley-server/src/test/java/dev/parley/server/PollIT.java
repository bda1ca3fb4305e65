package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What only long-polling has: session ids, waiting receives, and expiry. */
class PollIT extends ServerFixture {
  private final HttpClient http = HttpClient.newHttpClient();

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server().httpAddress().orElseThrow().getPort() + path);
  }

  private HttpResponse<String> post(String path, String sid, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (sid != null) {
      b.header("Authorization", "Bearer " + sid);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> recv(String sid) {
    HttpRequest r = HttpRequest.newBuilder(uri("/poll/recv")).header("Authorization", "Bearer " + sid).GET().build();
    return http.sendAsync(r, HttpResponse.BodyHandlers.ofString());
  }

  private String openGuest(String name) throws Exception {
    HttpResponse<String> opened = post("/poll/open", null, WireClient.frame("type", "hello", "user", name));
    assertThat(opened.statusCode()).isEqualTo(200);
    JsonNode body = WireClient.json(opened.body());
    assertThat(body.path("frames").get(0).path("type").asText()).isEqualTo("welcome");
    return body.path("sid").asText();
  }

  @Test
  void openAnswersTheWelcomeOrTheErrorWithASessionId() throws Exception {
    assertThat(openGuest("ann")).hasSizeGreaterThanOrEqualTo(43);
    HttpResponse<String> refused =
        post("/poll/open", null, WireClient.frame("type", "hello", "user", "bob", "password", "wrong one"));
    JsonNode body = WireClient.json(refused.body());
    assertThat(body.path("frames").get(0).path("code").asText()).isEqualTo("auth_failed");
  }

  @Test
  void anUnknownOrMissingSessionIdGets404() throws Exception {
    assertThat(recv("no-such-sid").get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    assertThat(post("/poll/send", "no-such-sid", "[]").statusCode()).isEqualTo(404);
    assertThat(post("/poll/send", null, "[]").statusCode()).isEqualTo(404);
  }

  @Test
  void aRecvWaitsAndAnswersAsSoonAsAFrameArrives() throws Exception {
    String sid = openGuest("ann");
    CompletableFuture<HttpResponse<String>> waiting = recv(sid);
    Thread.sleep(300); // the recv must be waiting, not answered empty
    assertThat(waiting).isNotDone();

    long sentAt = System.nanoTime();
    assertThat(post("/poll/send", sid, "[{\"type\":\"ping\",\"ref\":\"p1\"}]").statusCode()).isEqualTo(204);
    HttpResponse<String> answer = waiting.get(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(Duration.ofSeconds(2));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(WireClient.json(answer.body()).get(0).path("ref").asText()).isEqualTo("p1");
  }

  @Test
  void aRecvWithNothingToSayAnswersAnEmptyArrayAfterTheWait() throws Exception {
    configure(c -> c.withPollTimes(Duration.ofMillis(500), Duration.ofSeconds(5)));
    String sid = openGuest("ann");
    HttpResponse<String> answer = recv(sid).get(10, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("[]");
  }

  @Test
  void anAbandonedSessionIsClosedLikeOneThatMissedItsHeartbeats() throws Exception {
    configure(c -> c.withPollTimes(Duration.ofMillis(300), Duration.ofSeconds(1)));
    WireClient bob = guest("bob");
    join(bob, "lobby");
    String sid = openGuest("ann");
    assertThat(post("/poll/send", sid, "[{\"type\":\"join\",\"room\":\"lobby\"}]").statusCode()).isEqualTo(204);
    assertThat(bob.expect("presence").path("event").asText()).isEqualTo("join");

    JsonNode left = bob.next(Duration.ofSeconds(10));

    assertThat(left.path("event").asText()).isEqualTo("leave");
    assertThat(recv(sid).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
  }

  @Test
  void theWrongMethodIsRefused() throws Exception {
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(uri("/poll/open")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
  }
}
