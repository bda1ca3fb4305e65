package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API for bots and scripts (protocol.md, "HTTP API for bots and scripts"), over real
 * HTTP against a real server and store: every bullet of the section and every error status.
 * In the cluster run the requests, like the connections, alternate between the two nodes.
 */
class HttpApiIT extends ServerFixture {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private HttpResponse<String> request(String method, String path, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(httpBase() + path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(method + " " + path, e);
    }
  }

  private HttpResponse<String> post(String token, String room, String body) {
    return request("POST", "/api/v1/rooms/" + room + "/messages", token, body);
  }

  private HttpResponse<String> get(String token, String room, String query) {
    return request("GET", "/api/v1/rooms/" + room + "/messages" + query, token, null);
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    return WireClient.json(response.body());
  }

  /** An error answer: its status, and the body {"type":"error","code":…,"message":…}. */
  private static JsonNode error(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = WireClient.json(response.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("code").asText()).as(response.body()).isEqualTo(code);
    assertThat(body.path("message").asText()).isNotEmpty();
    return body;
  }

  private static List<Long> msgIds(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.path("messages").forEach(m -> ids.add(m.path("id").asLong()));
    return ids;
  }

  @Test
  void aPostIsAckedDeliveredLiveToTheRoomAndReadBack() {
    WireClient alice = register("alice");
    WireClient bob = guest("bob");
    join(bob, "1001");

    JsonNode ack = ok(post(tokenOf(alice), "1001", "{\"text\":\"build 1234 passed\",\"ref\":\"ci-1234\"}"));

    assertThat(ack.path("type").asText()).isEqualTo("ack");
    assertThat(ack.path("ref").asText()).isEqualTo("ci-1234");
    assertThat(ack.path("room").asText()).isEqualTo("1001");
    assertThat(ack.path("id").asLong()).isEqualTo(1);
    assertThat(ack.path("ts").asLong()).isPositive();
    JsonNode live = bob.expect("msg");
    assertThat(live.path("from").asText()).isEqualTo("alice");
    assertThat(live.path("text").asText()).isEqualTo("build 1234 passed");
    JsonNode page = ok(get(tokenOf(alice), "1001", ""));
    assertThat(page.path("room").asText()).isEqualTo("1001");
    assertThat(page.path("more").asBoolean()).isFalse();
    assertThat(page.path("messages")).hasSize(1);
    assertThat(page.path("messages").get(0)).isEqualTo(live);
  }

  @Test
  void theSameRefTwiceIsOneMessageWithTheOriginalAck() {
    WireClient alice = register("alice");
    WireClient bob = guest("bob");
    join(bob, "lobby");
    String body = "{\"text\":\"deploy done\",\"ref\":\"ci-9\"}";

    JsonNode first = ok(post(tokenOf(alice), "lobby", body));
    JsonNode again = ok(post(tokenOf(alice), "lobby", body));

    assertThat(again).isEqualTo(first);
    bob.expect("msg");
    assertThat(msgIds(ok(get(tokenOf(alice), "lobby", "")))).containsExactly(1L);
    bob.assertNoMoreFrames();
  }

  @Test
  void aPostToARoomThatDoesNotExistCreatesItAndTheRefIsOptional() {
    WireClient alice = register("alice");

    JsonNode ack = ok(post(tokenOf(alice), "Brand-New", "{\"text\":\"hello\"}"));

    assertThat(ack.has("ref")).isFalse();
    assertThat(ack.path("room").asText()).isEqualTo("brand-new");
    WireClient bob = register("bob");
    JsonNode joined = join(bob, "brand-new");
    assertThat(joined.path("last").asLong()).isEqualTo(1);
    assertThat(joined.path("owners")).extracting(JsonNode::asText).containsExactly("alice");
  }

  @Test
  void sinceAndLimitPageForwardWithMoreWhileNewerMessagesExist() {
    configure(c -> c.withRatePerSecond(UNLIMITED));
    WireClient alice = register("alice");
    join(alice, "lobby");
    seed(alice, "lobby", 205);
    String token = tokenOf(alice);

    JsonNode first = ok(get(token, "lobby", "?limit=3"));
    assertThat(msgIds(first)).containsExactly(1L, 2L, 3L);
    assertThat(first.path("more").asBoolean()).isTrue();
    assertThat(msgIds(ok(get(token, "lobby", "?since=3&limit=2")))).containsExactly(4L, 5L);
    JsonNode byDefault = ok(get(token, "lobby", "?since=100"));
    assertThat(msgIds(byDefault)).containsExactlyElementsOf(range(101, 150));
    JsonNode capped = ok(get(token, "lobby", "?limit=1000"));
    assertThat(msgIds(capped)).containsExactlyElementsOf(range(1, 200));
    assertThat(capped.path("more").asBoolean()).isTrue();
    JsonNode last = ok(get(token, "lobby", "?since=200&limit=200"));
    assertThat(msgIds(last)).containsExactlyElementsOf(range(201, 205));
    assertThat(last.path("more").asBoolean()).isFalse();
    assertThat(ok(get(token, "lobby", "?since=205")).path("messages")).isEmpty();
    assertThat(ok(get(token, "nobody-here", "")).path("messages")).isEmpty();
  }

  @Test
  void aMissingUnknownOrRevokedTokenIs401WithWwwAuthenticate() {
    WireClient alice = register("alice");
    String token = tokenOf(alice);
    assertThat(ok(post(token, "lobby", "{\"text\":\"hi\"}")).path("id").asLong()).isEqualTo(1);

    HttpResponse<String> none = post(null, "lobby", "{\"text\":\"hi\"}");
    error(none, 401, "auth_failed");
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    error(get(null, "lobby", ""), 401, "auth_failed");
    error(post("not-a-token", "lobby", "{\"text\":\"hi\"}"), 401, "auth_failed");
    alice.sendFrame("type", "logout");
    alice.awaitClosed(Duration.ofSeconds(10));
    HttpResponse<String> revoked = get(token, "lobby", "");
    error(revoked, 401, "auth_failed");
    assertThat(revoked.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void aBannedUserIsForbiddenToPost() {
    WireClient owner = register("owner");
    join(owner, "lobby");
    WireClient bob = register("bob");
    String token = tokenOf(bob);
    owner.sendFrame("type", "ban", "room", "lobby", "user", "bob", "ref", "b1");
    owner.expect("moderated");

    // In the cluster run the ban reaches the other node within moments (the contract's 5 s).
    await().atMost(Duration.ofSeconds(5)).until(() -> post(token, "lobby", "{\"text\":\"let me in\"}").statusCode() == 403);
    error(post(token, "lobby", "{\"text\":\"let me in\"}"), 403, "forbidden");
  }

  @Test
  void privateConversationsAreTheirTwoUsersOnlyAndReachTheOthersConnections() {
    WireClient alice = register("alice");
    WireClient bob = register("bob");
    register("carol");

    error(post(tokenOf(alice), "dm:bob:carol", "{\"text\":\"peek\"}"), 403, "forbidden");
    error(get(tokenOf(alice), "dm%3Abob%3Acarol", ""), 403, "forbidden");
    error(post(tokenOf(alice), "dm:alice:nobody", "{\"text\":\"hi\"}"), 404, "no_such_user");

    JsonNode ack = ok(post(tokenOf(alice), "dm%3Aalice%3Abob", "{\"text\":\"psst\",\"ref\":\"d1\"}"));

    assertThat(ack.path("room").asText()).isEqualTo("dm:alice:bob");
    JsonNode msg = bob.expect("msg");
    assertThat(msg.path("room").asText()).isEqualTo("dm:alice:bob");
    assertThat(msg.path("text").asText()).isEqualTo("psst");
    assertThat(msgIds(ok(get(tokenOf(bob), "dm:alice:bob", "")))).containsExactly(1L);
  }

  @Test
  void badBodiesNamesAndParametersAre400() {
    WireClient alice = register("alice");
    String token = tokenOf(alice);

    error(post(token, "lobby", "{\"text\":"), 400, "bad_request");
    error(post(token, "lobby", "[\"hi\"]"), 400, "bad_request");
    error(post(token, "lobby", ""), 400, "bad_request");
    error(post(token, "lobby", "{}"), 400, "bad_request");
    error(post(token, "lobby", "{\"text\":\"\"}"), 400, "bad_request");
    error(post(token, "lobby", "{\"text\":42}"), 400, "bad_request");
    error(post(token, "lobby", "{\"text\":\"bell\\u0007\"}"), 400, "bad_request");
    error(post(token, "lobby", "{\"text\":\"" + "x".repeat(4097) + "\"}"), 400, "bad_request");
    error(post(token, "lobby", "{\"text\":\"hi\",\"ref\":\"\"}"), 400, "bad_request");
    error(post(token, "lobby", "{\"text\":\"hi\"} trailing"), 400, "bad_request");
    error(post(token, "no%20spaces", "{\"text\":\"hi\"}"), 400, "invalid_name");
    error(post(token, "x".repeat(65), "{\"text\":\"hi\"}"), 400, "invalid_name");
    error(get(token, "bad%21", ""), 400, "invalid_name");
    error(get(token, "lobby", "?since=-1"), 400, "bad_request");
    error(get(token, "lobby", "?since=abc"), 400, "bad_request");
    error(get(token, "lobby", "?limit=0"), 400, "bad_request");
    error(get(token, "lobby", "?limit=ten"), 400, "bad_request");
    assertThat(ok(get(token, "lobby", "")).path("messages")).isEmpty(); // nothing was stored
  }

  @Test
  void aBodyOverTheFrameLimitIs413() {
    configure(c -> c.withMaxFrameBytes(1024));
    WireClient alice = register("alice");

    error(post(tokenOf(alice), "lobby", "{\"text\":\"" + "x".repeat(2000) + "\"}"), 413, "too_large");

    assertThat(ok(post(tokenOf(alice), "lobby", "{\"text\":\"small\"}")).path("id").asLong()).isEqualTo(1);
  }

  @Test
  void tooManyRequestsWithOneTokenAre429WithRetryAfter() {
    configure(c -> c.withRatePerSecond(1));
    WireClient alice = register("alice");
    String token = tokenOf(alice);

    HttpResponse<String> refused = null;
    for (int i = 0; i < 20 && refused == null; i++) {
      HttpResponse<String> r = post(token, "lobby", "{\"text\":\"n" + i + "\"}");
      if (r.statusCode() != 200) {
        refused = r;
      }
    }

    assertThat(refused).isNotNull();
    error(refused, 429, "rate_limited");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void otherPathsAre404AndOtherMethods405() {
    WireClient alice = register("alice");
    String token = tokenOf(alice);

    error(request("GET", "/api/v1/rooms", token, null), 404, "bad_request");
    error(request("GET", "/api/v2/rooms/lobby/messages", token, null), 404, "bad_request");
    error(request("POST", "/api/v1/rooms/lobby/messages/1", token, "{}"), 404, "bad_request");
    HttpResponse<String> delete = request("DELETE", "/api/v1/rooms/lobby/messages", token, null);
    error(delete, 405, "bad_request");
    assertThat(delete.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
  }
}
