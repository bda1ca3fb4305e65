package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract sections "Rooms" (the replay after {@code joined}) and "Limits and abuse" (unsent
 * output): a replay is sent only as fast as the connection takes it, on every transport. A
 * replay many times {@code --max-pending} reaches a reader that keeps up, live messages follow
 * it with no gap and no repeat, and a reader that takes nothing never has much more than the
 * limit queued before it is closed as a slow consumer.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class ReplayFlowControlIT extends ServerFixture {
  /** The largest text there is in bytes: 4096 code points of three bytes each, 12 KiB. */
  static final String EUROS = "€".repeat(4096);
  private static final int SEED_BATCH = 10;

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withRatePerSecond(UNLIMITED);
  }

  @Test
  void aReplayManyTimesTheLimitReachesAReaderThatKeepsUpAndItStaysConnected() {
    configure(c -> c.withMaxPendingBytes(64 * 1024)); // the replay is 3.7 MB, 14 × the hard limit
    seedEuros(this, "lobby", 300);
    WireClient bob = guest("bob");

    JsonNode joined = join(bob, "lobby", 0);

    assertThat(joined.path("last").asLong()).isEqualTo(300);
    List<JsonNode> replay = takeMsgs(bob, 300);
    assertThat(ids(replay)).containsExactlyElementsOf(range(1, 300));
    assertThat(replay).allSatisfy(m -> assertThat(m.path("text").asText()).isEqualTo(EUROS));
    bob.assertNoMoreFrames();
    say(bob, "lobby", "still here");
    assertThat(slowConsumers()).isZero();
  }

  @Test
  void liveMessagesDuringALongReplayFollowItWithNoGapAndNoRepeat() {
    configure(c -> c.withMaxPendingBytes(64 * 1024));
    seedEuros(this, "lobby", 200);
    WireClient carol = guest("carol");
    join(carol, "lobby", 200);
    WireClient bob = guest("bob");

    bob.sendFrame("type", "join", "room", "lobby", "since", 0);
    for (int i = 0; i < 100; i++) {
      carol.sendFrame("type", "send", "room", "lobby", "text", "live " + i);
    }

    JsonNode joined = bob.expect("joined");
    assertThat(joined.path("last").asLong()).isBetween(200L, 300L);
    List<JsonNode> msgs = takeMsgs(bob, 300);
    assertThat(ids(msgs)).containsExactlyElementsOf(range(1, 300));
    assertThat(msgs.subList(0, 200)).allSatisfy(m -> assertThat(m.path("text").asText()).isEqualTo(EUROS));
    assertThat(msgs.subList(200, 300))
        .extracting(m -> m.path("text").asText())
        .containsExactlyElementsOf(range(0, 99).stream().map(i -> "live " + i).toList());
    bob.assertNoMoreFrames();
  }

  @Test
  void joiningAgainDuringAReplayStartsTheNewOneAfterItsJoinedAndNothingOfTheOldFollows() {
    configure(c -> c.withMaxPendingBytes(64 * 1024));
    seedEuros(this, "lobby", 300);
    WireClient bob = guest("bob");
    bob.pauseReading(); // the first replay stalls once the connection is full
    bob.sendFrame("type", "join", "room", "lobby", "since", 0, "ref", "first");

    bob.sendFrame("type", "join", "room", "lobby", "since", 250, "ref", "again");
    bob.resumeReading();

    assertThat(refOf(bob.expect("joined"))).isEqualTo("first");
    List<JsonNode> firstReplay = new ArrayList<>();
    JsonNode frame;
    while ((frame = bob.next()).path("type").asText().equals("msg")) {
      firstReplay.add(frame);
    }
    assertThat(frame.path("type").asText()).isEqualTo("joined");
    assertThat(refOf(frame)).isEqualTo("again");
    assertThat(ids(firstReplay)).containsExactlyElementsOf(range(1, firstReplay.size()));
    assertThat(ids(takeMsgs(bob, 50))).containsExactlyElementsOf(range(251, 300));
    bob.assertNoMoreFrames();
  }

  @Test
  void aMemberThatLeavesDuringAReplayGetsNothingMoreOfIt() {
    configure(c -> c.withMaxPendingBytes(64 * 1024));
    seedEuros(this, "lobby", 300);
    WireClient bob = guest("bob");
    bob.pauseReading();
    bob.sendFrame("type", "join", "room", "lobby", "since", 0);

    bob.sendFrame("type", "leave", "room", "lobby", "ref", "bye-bye");
    bob.resumeReading();

    bob.expect("joined");
    List<JsonNode> replay = new ArrayList<>();
    JsonNode frame;
    while ((frame = bob.next()).path("type").asText().equals("msg")) {
      replay.add(frame);
    }
    assertThat(frame.path("type").asText()).isEqualTo("left");
    assertThat(ids(replay)).containsExactlyElementsOf(range(1, replay.size()));
    bob.assertNoMoreFrames();
  }

  @Test
  void aMemberThatReadsNothingIsNeverQueuedMuchMoreThanTheLimit() throws IOException {
    // The room: 1000 messages of 4096 "€", a 12 MB replay, under 4 × the default limit
    // (so only the grace closes it) and well over what the kernel's socket buffers absorb.
    long limit = ServerConfig.forTests(dataDir).maxPendingBytes();
    seedEuros(this, "lobby", 1000);

    try (NonReader sloth = NonReader.open(transport(), server())) {
      sloth.send(WireClient.frame("type", "hello", "user", "sloth"));
      sloth.send(WireClient.frame("type", "join", "room", "lobby", "since", 0));

      AtomicLong most = new AtomicLong();
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
        most.accumulateAndGet((long) MetricsPage.value(server(), "parley_unsent_bytes"), Math::max);
        return slowConsumers() == 1;
      });
      // A replay is sent only while the connection is under the limit: one message past it at
      // most, plus what the transport counts for each frame, plus what the server's other
      // connections hold at that moment (the gauge counts them all: the page of /metrics being
      // written, pings). Before the flow control this reached 9.6 MB (TCP) and 11.6 MB.
      assertThat(most.get()).as("most unsent output seen").isLessThan(limit + 256 * 1024);
    }
  }

  private double slowConsumers() {
    return MetricsPage.value(server(), "parley_byes_total{reason=\"slow_consumer\"}");
  }

  /**
   * Stores {@code n} messages of {@link #EUROS} in {@code room}, sent over TCP by a guest who
   * reads them back in small batches (so that it is never a slow consumer itself) and leaves.
   */
  static void seedEuros(ServerFixture test, String room, int n) {
    WireClient ann = test.closeAfter(WireClient.guest(test.server().tcpAddress(), "seeder"));
    join(ann, room);
    for (int sent = 0; sent < n; sent += SEED_BATCH) {
      int batch = Math.min(SEED_BATCH, n - sent);
      for (int i = 0; i < batch; i++) {
        ann.sendFrame("type", "send", "room", room, "text", EUROS);
      }
      takeMsgs(ann, batch, "ack");
    }
    ann.sendFrame("type", "leave", "room", room);
    ann.expect("left");
  }
}
