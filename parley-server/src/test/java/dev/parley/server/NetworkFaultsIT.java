package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.Fault;
import dev.parley.testkit.FaultProxy;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Network faults between a client and the server, made by a {@link FaultProxy}: a path that
 * dies silently (black hole) and a reader on a thin line (trickle). The server must notice each
 * by itself and free what the client held, without harming the others.
 */
class NetworkFaultsIT extends ServerFixture {
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopPinging() {
    keepAlive.shutdownNow();
  }

  @Test
  void aBlackHoledClientIsDroppedAfterItsMissedHeartbeatsAndItsSlotIsFreed() {
    configure(c -> c.withHeartbeat(HEARTBEAT).withMaxConnectionsPerAddress(2));
    WireClient ann = guest("ann");
    join(ann, "lobby");
    pingEvery(ann, HEARTBEAT.dividedBy(4)); // ann stays alive: only bob goes silent
    FaultProxy proxy = proxyToServer(0);
    WireClient bob = closeAfter(WireClient.guest(proxy.address(), "bob"));
    long beforeBobsLastFrame = System.nanoTime();
    join(bob, "lobby");
    awaitFrame(ann, presence("bob", "join"));
    WireClient third = connect();
    third.expectError("rate_limited"); // ann and bob hold the address's two slots
    third.awaitClosed(WAIT);

    proxy.apply(Fault.blackHole());

    awaitFrame(ann, presence("bob", "leave"));
    long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beforeBobsLastFrame);
    assertThat(silentMs)
        .as("dropped only after missing its heartbeats (pinged at 1 s and 2 s, closed at 3 s)")
        .isGreaterThanOrEqualTo(2 * HEARTBEAT.toMillis());
    // The server's pings and its bye idle fell into the hole: bob heard nothing, not even a FIN.
    assertThatThrownBy(() -> bob.awaitClosed(Duration.ofMillis(500)))
        .hasMessageContaining("still open")
        .hasMessageContaining("frames: []");
    assertThat(MetricsPage.value(server(), "parley_byes_total{reason=\"idle\"}")).isEqualTo(1.0);
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(MetricsPage.value(server(), "parley_connections{transport=\"tcp\"}")).isEqualTo(1.0));

    // Its slot and its guest name are free again.
    WireClient bobAgain = guest("bob");
    JsonNode joined = join(bobAgain, "lobby");
    assertThat(joined.path("members")).extracting(JsonNode::asText).containsExactly("ann", "bob");
    awaitFrame(ann, presence("bob", "join"));
  }

  @Test
  void aTricklingReaderInABusyRoomIsDroppedAsASlowConsumerAndTheOthersGetEverything() {
    configure(c -> c.withMaxPendingBytes(64 * 1024).withRatePerSecond(UNLIMITED));
    WireClient ann = guest("ann");
    join(ann, "lobby");
    WireClient bob = guest("bob");
    join(bob, "lobby");
    ann.expect("presence");
    FaultProxy proxy = proxyToServer(16 * 1024);
    proxy.apply(Fault.trickle(4096)); // 4 KB/s: fine for chat, far too little for this room
    WireClient sloth = closeAfter(WireClient.guest(proxy.address(), "sloth"));
    join(sloth, "lobby");
    ann.expect("presence");
    bob.expect("presence");

    int sent = publishUntil(ann, bob, () -> sawLeave(bob, "sloth"));

    assertThat(sawLeave(bob, "sloth")).as("sloth dropped after %d messages", sent).isTrue();
    assertThat(sawLeave(ann, "sloth")).isTrue();
    assertThat(ids(ann.seen().stream().filter(NetworkFaultsIT::isMsg).toList()))
        .containsExactlyElementsOf(range(1, sent));
    assertThat(ids(bob.seen().stream().filter(NetworkFaultsIT::isMsg).toList()))
        .containsExactlyElementsOf(range(1, sent));
    assertThat(MetricsPage.value(server(), "parley_byes_total{reason=\"slow_consumer\"}")).isEqualTo(1.0);

    // What sloth got before the cut is a gapless start of the room, and then the close.
    proxy.apply(Fault.none());
    List<JsonNode> slothGot = sloth.awaitClosed(WAIT);
    List<JsonNode> slothMsgs = slothGot.stream().filter(NetworkFaultsIT::isMsg).toList();
    assertThat(ids(slothMsgs)).containsExactlyElementsOf(range(1, slothMsgs.size()));
    assertThat(slothMsgs.size()).isLessThan(sent);
    assertThat(slothGot)
        .filteredOn(f -> f.path("type").asText().equals("bye"))
        .allSatisfy(f -> assertThat(f.path("reason").asText()).isEqualTo("slow_consumer"));
  }

  // ---- helpers ----

  private FaultProxy proxyToServer(int upstreamReceiveBufferBytes) {
    return closeAfter(FaultProxy.start(server().tcpAddress(), upstreamReceiveBufferBytes));
  }

  private void pingEvery(WireClient client, Duration period) {
    keepAlive.scheduleAtFixedRate(
        () -> client.sendFrame("type", "ping"), 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * ann and bob send padded messages in rounds, reading their acks and the room's messages,
   * until {@code done} or a bound on count and time. A round (about 11 KB to each member) stays
   * well under the server's limit of unsent output, so ann and bob are never slow consumers,
   * even when a loaded machine stalls their readers for a while.
   */
  private static int publishUntil(WireClient ann, WireClient bob, java.util.function.BooleanSupplier done) {
    String padding = "x".repeat(1000);
    int round = 10;
    int sent = 0;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean() && sent < 20_000 && System.nanoTime() < deadline) {
      for (int i = 0; i < round / 2; i++) {
        ann.sendFrame("type", "send", "room", "lobby", "text", "ann " + sent + " " + padding);
        bob.sendFrame("type", "send", "room", "lobby", "text", "bob " + sent + " " + padding);
        sent += 2;
      }
      takeMsgs(ann, round, "ack", "presence");
      takeMsgs(bob, round, "ack", "presence");
    }
    return sent;
  }

  private static Predicate<JsonNode> presence(String user, String event) {
    return f -> f.path("type").asText().equals("presence")
        && f.path("user").asText().equals(user)
        && f.path("event").asText().equals(event);
  }

  private static boolean sawLeave(WireClient client, String user) {
    return client.seen().stream().anyMatch(presence(user, "leave"));
  }

  /** Takes frames until one matches, passing over the others (pongs, pings). */
  private static JsonNode awaitFrame(WireClient client, Predicate<JsonNode> wanted) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("no matching frame within %s; frames: %s", WAIT, client.seen());
      }
      JsonNode frame = client.next(Duration.ofNanos(left));
      if (wanted.test(frame)) {
        return frame;
      }
    }
  }

  private static boolean isMsg(JsonNode frame) {
    return frame.path("type").asText().equals("msg");
  }
}
