package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * UDP ingress ({@code --udp-port}) as the contract's "UDP" section says, on real sockets and a
 * real store: one {@code send} or {@code dm} with a token per datagram, one answer datagram, no
 * join needed, retries stored once, every refusal's code, datagrams too large or not JSON, and
 * floods limited per address and per token. Every reply any test receives is checked to be no
 * larger, in bytes, than a datagram it answers (see {@link UdpClient}).
 */
class UdpIT extends ServerFixture {
  private static final Duration QUIET = Duration.ofMillis(700);

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withUdpPort(0);
  }

  /** A UDP sender from {@code 127.0.0.1}. */
  private UdpClient udp() {
    return udpFrom("127.0.0.1");
  }

  private UdpClient udpFrom(String address) {
    try {
      return closeAfter(new UdpClient(server().udpAddress().orElseThrow(), InetAddress.getByName(address)));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertError(JsonNode answer, String code) {
    assertThat(answer.path("type").asText()).as("%s", answer).isEqualTo("error");
    assertThat(answer.path("code").asText()).as("%s", answer).isEqualTo(code);
  }

  private static String send(String token, String room, String text, String ref) {
    return WireClient.frame("type", "send", "token", token, "room", room, "text", text, "ref", ref);
  }

  // ---- sends and dms ----

  @Test
  void aSendIsAcknowledgedByOneDatagramAndReachesTheRoomWithoutAJoin() {
    WireClient alice = register("alice");
    WireClient bob = guest("bob");
    join(bob, "1001");

    JsonNode ack = udp().exchange(send(tokenOf(alice), "1001", "hi from udp", "u-1"));

    assertThat(ack.path("type").asText()).isEqualTo("ack");
    assertThat(ack.path("ref").asText()).isEqualTo("u-1");
    assertThat(ack.path("room").asText()).isEqualTo("1001");
    assertThat(ack.path("id").asLong()).isEqualTo(1);
    JsonNode msg = bob.expect("msg");
    assertThat(msg.path("from").asText()).isEqualTo("alice");
    assertThat(msg.path("text").asText()).isEqualTo("hi from udp");
    assertThat(msg.path("ts").asLong()).isEqualTo(ack.path("ts").asLong());
    alice.assertNoMoreFrames(); // the sender was never put in the room
  }

  @Test
  void aSendToARoomThatDoesNotExistCreatesItAsAJoinWould() {
    WireClient alice = register("alice");

    assertThat(udp().exchange(send(tokenOf(alice), "fresh", "first", "u-1")).path("id").asLong()).isEqualTo(1);

    JsonNode joined = join(register("carol"), "fresh");
    assertThat(joined.path("last").asLong()).isEqualTo(1);
    assertThat(joined.path("owners")).extracting(JsonNode::asText).containsExactly("alice");
  }

  @Test
  void aRetryWithTheSameRefGetsTheOriginalAckAndStoresNothingNew() {
    WireClient alice = register("alice");
    WireClient bob = guest("bob");
    join(bob, "1001");
    UdpClient udp = udp();

    JsonNode first = udp.exchange(send(tokenOf(alice), "1001", "once", "u-7"));
    JsonNode again = udp.exchange(send(tokenOf(alice), "1001", "once", "u-7"));
    JsonNode fromElsewhere = udpFrom("127.0.0.2").exchange(send(tokenOf(alice), "1001", "once", "u-7"));

    assertThat(again).isEqualTo(first);
    assertThat(fromElsewhere).isEqualTo(first);
    assertThat(bob.expect("msg").path("id").asLong()).isEqualTo(1);
    assertThat(say(bob, "1001", "next").path("id").asLong()).isEqualTo(2);
    bob.assertNoMoreFrames();
  }

  @Test
  void aDmReachesTheConnectionsOfBothUsers() {
    WireClient alice = register("alice");
    WireClient bob = register("bob");

    JsonNode ack = udp().exchange("type", "dm", "token", tokenOf(alice), "to", "Bob", "text", "psst", "ref", "d-1");

    assertThat(ack.path("type").asText()).isEqualTo("ack");
    assertThat(ack.path("room").asText()).isEqualTo("dm:alice:bob");
    for (WireClient user : List.of(alice, bob)) {
      JsonNode msg = user.expect("msg");
      assertThat(msg.path("room").asText()).isEqualTo("dm:alice:bob");
      assertThat(msg.path("id").asLong()).isEqualTo(ack.path("id").asLong());
      assertThat(msg.path("text").asText()).isEqualTo("psst");
    }
    // A send to the conversation's room is the same as a dm.
    JsonNode second = udp().exchange(send(tokenOf(bob), "dm:alice:bob", "back", "d-2"));
    assertThat(second.path("id").asLong()).isEqualTo(2);
    assertThat(alice.expect("msg").path("text").asText()).isEqualTo("back");
  }

  @Test
  void aDmToNoRegisteredUserOrToSomeoneElsesConversationIsRefused() {
    WireClient alice = register("alice");
    guest("gina");
    register("bob");
    register("carol");
    String token = tokenOf(alice);
    UdpClient udp = udp();

    assertError(udp.exchange("type", "dm", "token", token, "to", "nobody", "text", "hi", "ref", "d-1"), "no_such_user");
    assertError(udp.exchange("type", "dm", "token", token, "to", "gina", "text", "hi", "ref", "d-2"), "no_such_user");
    assertError(udp.exchange("type", "dm", "token", token, "to", "no body", "text", "hi", "ref", "d-3"), "invalid_name");
    JsonNode forbidden = udp.exchange(send(token, "dm:bob:carol", "peek", "d-4"));
    assertError(forbidden, "forbidden");
    assertThat(forbidden.path("ref").asText()).isEqualTo("d-4");
  }

  // ---- tokens and bans ----

  @Test
  void aMissingUnknownOrRevokedTokenIsAuthFailed() {
    WireClient alice = register("alice");
    String token = tokenOf(alice);
    UdpClient udp = udp();
    assertThat(udp.exchange(send(token, "1001", "ok", "t-1")).path("type").asText()).isEqualTo("ack");

    alice.sendFrame("type", "logout");
    alice.awaitClosed(Duration.ofSeconds(10));

    assertError(udp.exchange(send(token, "1001", "still?", "t-2")), "auth_failed");
    assertError(udp.exchange(send("made-up-token-of-some-length", "1001", "hi", "t-3")), "auth_failed");
    JsonNode missing = udp.exchange("type", "send", "room", "1001", "text", "no token at all, and long enough for the answer", "ref", "t-4");
    assertError(missing, "auth_failed");
    assertThat(missing.path("ref").asText()).isEqualTo("t-4");
    assertError(udp.exchange("type", "send", "token", 42, "room", "1001", "text", "a token that is a number, not a string", "ref", "t-5"), "bad_request");
  }

  @Test
  void aBannedUserIsForbiddenAndStoresNothing() {
    WireClient owner = register("owner");
    join(owner, "1001");
    WireClient bob = register("bob");
    owner.sendFrame("type", "ban", "room", "1001", "user", "bob", "ref", "b1");
    owner.expect("moderated");

    assertError(udp().exchange(send(tokenOf(bob), "1001", "let me in", "x1")), "forbidden");

    assertThat(say(owner, "1001", "still first").path("id").asLong()).isEqualTo(1);
  }

  // ---- bad datagrams ----

  @Test
  void aDatagramOverTwelveHundredBytesIsTooLargeAndOneOfTwelveHundredIsTaken() {
    WireClient alice = register("alice");
    String token = tokenOf(alice);
    UdpClient udp = udp();
    String exact = padTo(send(token, "1001", "", "big-1"), 1200);

    JsonNode ack = udp.exchange(exact);
    JsonNode refused = udp.exchange(padTo(send(token, "1001", "", "big-2"), 1201));
    JsonNode huge = udp.exchange(padTo(send(token, "1001", "", "big-3"), 9000));

    assertThat(ack.path("type").asText()).isEqualTo("ack");
    assertError(refused, "too_large");
    assertError(huge, "too_large");
  }

  /** {@code json} (a send whose text is empty) with its text grown to exactly {@code bytes}. */
  private static String padTo(String json, int bytes) {
    int length = json.getBytes(StandardCharsets.UTF_8).length;
    String padded = json.replace("\"text\":\"\"", "\"text\":\"" + "x".repeat(bytes - length) + "\"");
    assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
    return padded;
  }

  @Test
  void badBytesGetBadRequestWhenTheAnswerFitsAndNothingWhenItWouldNot() {
    UdpClient udp = udp();
    byte[] invalidUtf8 = ("{\"type\":\"send\",\"text\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
    invalidUtf8[30] = (byte) 0xC3;
    invalidUtf8[31] = (byte) 0x28;

    udp.send(invalidUtf8);
    assertError(udp.reply(Duration.ofSeconds(10)).orElseThrow(), "bad_request");
    assertError(udp.exchange("this is not JSON at all" + " (padded to be larger than the error that answers it)".repeat(2)), "bad_request");
    assertError(udp.exchange("[{\"type\":\"send\",\"room\":\"1001\",\"text\":\"in an array, not an object, padded to be larger than its answer\"}]"), "bad_request");
    udp.send("abc".getBytes(StandardCharsets.US_ASCII)); // garbage smaller than any answer
    udp.assertNoReply(QUIET);
    udp.send(new byte[] {'{', (byte) 0xFF, '}'});
    udp.assertNoReply(QUIET);
    udp.send(new byte[0]);
    udp.assertNoReply(QUIET);

    assertThat(MetricsPage.count(server(), "parley_udp_answers_withheld_total")).isEqualTo(3);
    assertThat(MetricsPage.count(server(), "parley_script_requests_total{outcome=\"bad_request\",transport=\"udp\"}"))
        .isEqualTo(6);
  }

  @Test
  void onlySendAndDmAreTakenAndTheirFieldsFollowTheProtocol() {
    WireClient alice = register("alice");
    String token = tokenOf(alice);
    UdpClient udp = udp();

    JsonNode join = udp.exchange("type", "join", "token", token, "room", "1001", "ref", "j-1");
    assertError(join, "bad_request");
    assertThat(join.path("ref").asText()).isEqualTo("j-1");
    assertError(udp.exchange("type", "hello", "user", "someone", "password", "long enough for its answer to fit in the datagram"), "bad_request");
    assertError(udp.exchange("type", "shout", "token", token, "room", "1001", "ref", "s-1"), "unknown_type");
    assertError(udp.exchange("type", "send", "token", token, "room", "no room", "text", "hi", "ref", "s-2"), "invalid_name");
    assertError(udp.exchange("type", "send", "token", token, "room", "1001", "text", "bell\u0007", "ref", "s-3"), "bad_request");
    assertError(udp.exchange("type", "send", "token", token, "room", "1001", "text", 7, "ref", "s-4"), "bad_request");
    assertError(udp.exchange("type", "send", "token", token, "room", "1001", "text", "", "ref", "s-5"), "bad_request");
    alice.assertNoMoreFrames();
  }

  @Test
  void anAnswerLargerThanItsDatagramIsWithheldAndAPaddedRetryGetsTheOriginal() {
    String longName = "a".repeat(32);
    WireClient sender = register(longName);
    WireClient bob = register("bob");
    String token = tokenOf(sender);
    UdpClient udp = udp();
    for (int i = 1; i <= 9; i++) { // ids of one digit: the acks of these datagrams fit
      assertThat(udp.exchange("type", "dm", "token", token, "to", "bob", "text", "warm-up " + i, "ref", "w" + i)
          .path("id").asLong()).isEqualTo(i);
    }
    expectMsgs(bob, 9);
    // The ack of this one names the long conversation and id 10: larger than the datagram.
    String small = WireClient.frame("type", "dm", "token", token, "to", "bob", "text", "x", "ref", "w10");
    String ackOfSmall = WireClient.frame("type", "ack", "ref", "w10", "room", "dm:" + longName + ":bob", "id", 10,
        "ts", System.currentTimeMillis());
    assertThat(ackOfSmall.length()).isGreaterThan(small.length());

    udp.send(small);
    udp.assertNoReply(QUIET);

    JsonNode stored = bob.expect("msg");
    assertThat(stored.path("id").asLong()).isEqualTo(10);
    String padded = WireClient.frame("type", "dm", "token", token, "to", "bob", "text", "x", "ref", "w10", "pad", "-".repeat(32));
    JsonNode ack = udp.exchange(padded);
    assertThat(ack.path("id").asLong()).isEqualTo(10);
    assertThat(ack.path("ts").asLong()).isEqualTo(stored.path("ts").asLong());
    bob.assertNoMoreFrames();
    assertThat(MetricsPage.count(server(), "parley_udp_answers_withheld_total")).isEqualTo(1);
  }

  // ---- floods ----

  @Test
  void aFloodFromOneAddressIsLimitedWhileOthersAndTcpAreServed() {
    configure(c -> c.withRatePerSecond(5)); // bursts of 10
    WireClient alice = register("alice");
    WireClient bob = guest("bob");
    join(bob, "1001");
    UdpClient flooder = udp();
    String refused = WireClient.frame("type", "send", "room", "1001", "text", "", "ref", "f", "pad", "-".repeat(40));

    for (int i = 0; i < 200; i++) {
      flooder.send(refused);
    }
    List<JsonNode> replies = flooder.drain(QUIET, 200);

    long badRequests = replies.stream().filter(r -> r.path("code").asText().equals("bad_request")).count();
    long rateLimited = replies.stream().filter(r -> r.path("code").asText().equals("rate_limited")).count();
    assertThat(badRequests).isBetween(10L, 60L);
    assertThat(rateLimited).isBetween(1L, 15L);
    assertThat(badRequests + rateLimited).isEqualTo(replies.size());
    assertThat(MetricsPage.count(server(), "parley_udp_dropped_total")).isPositive();
    // Another address, and TCP, are served meanwhile.
    assertThat(udpFrom("127.0.0.2").exchange(send(tokenOf(alice), "1001", "from elsewhere", "e-1")).path("type").asText())
        .isEqualTo("ack");
    assertThat(bob.expect("msg").path("text").asText()).isEqualTo("from elsewhere");
    assertThat(say(bob, "1001", "tcp still fine").path("id").asLong()).isEqualTo(2);
    // The flooder is served again once its address has recovered.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
      flooder.send(send(tokenOf(alice), "1001", "recovered", "e-2"));
      return flooder.reply(QUIET).map(answer -> answer.path("type").asText().equals("ack")).orElse(false);
    });
  }

  @Test
  void oneTokenIsLimitedAcrossAddresses() {
    configure(c -> c.withRatePerSecond(2)); // bursts of 4, per token and per address
    String token = tokenOf(register("alice"));
    UdpClient one = udp();
    UdpClient two = udpFrom("127.0.0.2");

    for (int i = 0; i < 4; i++) { // within each address's burst, twice the token's
      one.send(send(token, "1001", "one " + i, "a" + i));
      two.send(send(token, "1001", "two " + i, "b" + i));
    }
    List<JsonNode> replies = new ArrayList<>(one.drain(QUIET, 4));
    replies.addAll(two.drain(QUIET, 4));

    assertThat(replies).hasSize(8);
    long acks = replies.stream().filter(r -> r.path("type").asText().equals("ack")).count();
    assertThat(acks).isBetween(4L, 6L);
    assertThat(replies).filteredOn(r -> r.path("type").asText().equals("error"))
        .allSatisfy(r -> {
          assertError(r, "rate_limited");
          assertThat(r.path("message").asText()).contains("token");
        });
  }

  // ---- the listener ----

  @Test
  void aPortInUseIsAConfigErrorNamingTheFlagAndThePort() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      int port = taken.getLocalPort();
      ServerConfig config = config().withUdpPort(port);

      assertThatThrownBy(() -> ParleyServer.start(config).close())
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("--udp-port")
          .hasMessageContaining(String.valueOf(port));
    }
  }

  @Test
  void udpIsOffUnlessAPortIsGiven() {
    configure(c -> c.withUdpPort(-1));
    assertThat(server().udpAddress()).isEmpty();
  }
}
