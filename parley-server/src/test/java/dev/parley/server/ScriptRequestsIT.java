package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.ClientFrame;
import dev.parley.server.session.ScriptAnswer;
import dev.parley.testkit.WireClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Requests with a token and no connection (the core under the HTTP API and UDP), on a real
 * server and store: a post needs no join and reaches the room's members, creates a room as a
 * join would, keeps the ref rules of {@code send}, and is refused for a banned user, someone
 * else's private conversation, a revoked token or too many requests.
 */
class ScriptRequestsIT extends ServerFixture {
  private static final String HOST = "127.0.0.1";

  private static JsonNode answered(CompletableFuture<ScriptAnswer> request) {
    try {
      return WireClient.json(request.get(10, TimeUnit.SECONDS).frame().toString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode post(String token, String room, String text, String ref) {
    return answered(server().scripts().send("test", token, HOST, new ClientFrame.Send(room, text, ref)));
  }

  private JsonNode read(String token, String room, long since, int limit) {
    return answered(server().scripts().read("test", token, HOST, new ClientFrame.History(room, null, limit, null), since));
  }

  private static void assertError(JsonNode answer, String code) {
    assertThat(answer.path("type").asText()).as("%s", answer).isEqualTo("error");
    assertThat(answer.path("code").asText()).as("%s", answer).isEqualTo(code);
  }

  @Test
  void aPostNeedsNoJoinAndReachesTheRoomsMembersOnce() {
    WireClient alice = register("alice");
    WireClient bob = guest("bob");
    join(bob, "lobby");

    JsonNode ack = post(tokenOf(alice), "lobby", "build 1234 passed", "ci-1");

    assertThat(ack.path("type").asText()).isEqualTo("ack");
    assertThat(ack.path("ref").asText()).isEqualTo("ci-1");
    assertThat(ack.path("id").asLong()).isEqualTo(1);
    JsonNode msg = bob.expect("msg");
    assertThat(msg.path("from").asText()).isEqualTo("alice");
    assertThat(msg.path("text").asText()).isEqualTo("build 1234 passed");
    assertThat(msg.path("ts").asLong()).isEqualTo(ack.path("ts").asLong());
    // The same ref again: the original ack, and no second msg.
    JsonNode again = post(tokenOf(alice), "lobby", "build 1234 passed", "ci-1");
    assertThat(again).isEqualTo(ack);
    assertThat(say(bob, "lobby", "next").path("id").asLong()).isEqualTo(2);
    bob.assertNoMoreFrames();
    // A connection of the same user retrying the ref gets the same ack too.
    join(alice, "lobby");
    assertThat(ids(expectMsgs(alice, 2))).containsExactly(1L, 2L); // the replay
    alice.sendFrame("type", "send", "room", "lobby", "text", "build 1234 passed", "ref", "ci-1");
    assertThat(alice.expect("ack").path("id").asLong()).isEqualTo(1);
  }

  @Test
  void aPostCreatesTheRoomAsAJoinWouldAndItsPosterOwnsIt() {
    WireClient alice = register("alice");

    assertThat(post(tokenOf(alice), "fresh", "first", "r1").path("room").asText()).isEqualTo("fresh");

    WireClient bob = register("bob");
    JsonNode joined = join(bob, "fresh");
    assertThat(joined.path("last").asLong()).isEqualTo(1);
    assertThat(joined.path("owners")).extracting(JsonNode::asText).containsExactly("alice");
  }

  @Test
  void aBannedUserIsRefusedForbiddenAndStoresNothing() {
    WireClient owner = register("owner");
    join(owner, "lobby");
    WireClient bob = register("bob");
    owner.sendFrame("type", "ban", "room", "lobby", "user", "bob", "ref", "b1");
    owner.expect("moderated");

    assertError(post(tokenOf(bob), "lobby", "let me in", "x1"), "forbidden");
    assertThat(read(tokenOf(bob), "lobby", 0, 50).path("messages")).isEmpty();
  }

  @Test
  void privateConversationsAreOnlyTheirUsersAndReachTheOtherUsersConnections() {
    WireClient alice = register("alice");
    WireClient bob = register("bob");
    register("carol");

    assertError(post(tokenOf(alice), "dm:bob:carol", "peek", "p1"), "forbidden");
    assertError(read(tokenOf(alice), "dm:bob:carol", 0, 50), "forbidden");

    JsonNode ack = post(tokenOf(alice), "dm:alice:bob", "psst", "p2");
    assertThat(ack.path("room").asText()).isEqualTo("dm:alice:bob");
    JsonNode msg = bob.expect("msg");
    assertThat(msg.path("room").asText()).isEqualTo("dm:alice:bob");
    assertThat(alice.expect("msg").path("text").asText()).isEqualTo("psst");

    JsonNode dm = answered(server().scripts().dm("test", tokenOf(bob), HOST, new ClientFrame.Dm("alice", "back", "p3")));
    assertThat(dm.path("id").asLong()).isEqualTo(2);
    assertThat(alice.expect("msg").path("text").asText()).isEqualTo("back");
    assertError(answered(server().scripts().dm("test", tokenOf(bob), HOST, new ClientFrame.Dm("nobody", "hi", "p4"))),
        "no_such_user");
    assertThat(read(tokenOf(bob), "dm:alice:bob", 0, 50).path("messages")).hasSize(2);
  }

  @Test
  void aReadReturnsTheMessagesAfterSinceOldestFirstWithMoreWhenNewerExist() {
    configure(c -> c.withRatePerSecond(UNLIMITED));
    WireClient alice = register("alice");
    join(alice, "lobby");
    seed(alice, "lobby", 5);
    String token = tokenOf(alice);

    JsonNode page = read(token, "lobby", 1, 2);
    assertThat(page.has("type")).isFalse();
    assertThat(page.path("room").asText()).isEqualTo("lobby");
    assertThat(ids(java.util.List.copyOf(iterable(page.path("messages"))))).containsExactly(2L, 3L);
    assertThat(page.path("more").asBoolean()).isTrue();
    JsonNode rest = read(token, "lobby", 3, 50);
    assertThat(ids(java.util.List.copyOf(iterable(rest.path("messages"))))).containsExactly(4L, 5L);
    assertThat(rest.path("more").asBoolean()).isFalse();
    assertThat(read(token, "lobby", 5, 50).path("messages")).isEmpty();
    assertThat(read(token, "nowhere", 0, 50).path("messages")).isEmpty();
  }

  private static java.util.List<JsonNode> iterable(JsonNode array) {
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  @Test
  void anUnknownOrRevokedTokenIsRefusedAtOnce() {
    WireClient alice = register("alice");
    String token = tokenOf(alice);
    assertThat(post(token, "lobby", "ok", "r1").path("type").asText()).isEqualTo("ack");

    alice.sendFrame("type", "logout");
    alice.awaitClosed(java.time.Duration.ofSeconds(10));

    assertError(post(token, "lobby", "still?", "r2"), "auth_failed");
    assertError(post("made-up", "lobby", "hi", "r3"), "auth_failed");
    assertError(post("", "lobby", "hi", "r4"), "auth_failed");
  }

  @Test
  void requestsAreLimitedPerTokenAtTheRateWithABurstOfTwice() {
    configure(c -> c.withRatePerSecond(2));
    WireClient alice = register("alice");
    String token = tokenOf(alice);
    int accepted = 0;
    JsonNode refused = null;
    for (int i = 0; i < 20 && refused == null; i++) {
      JsonNode answer = post(token, "lobby", "n" + i, "r" + i);
      if (answer.path("type").asText().equals("ack")) {
        accepted++;
      } else {
        refused = answer;
      }
    }
    assertThat(refused).isNotNull();
    assertError(refused, "rate_limited");
    assertThat(accepted).isBetween(4, 8); // a burst of 4, plus what refilled meanwhile
  }
}
