package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Heartbeats on the socket transports: a connection that neither sends nor reads (so on
 * WebSocket it answers no WebSocket ping either) is pinged, then closed with {@code bye idle}
 * after two more silent heartbeats. (Long-polling's rule is its own: see {@link PollIT}.)
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Transport.class, names = {"TCP", "WEBSOCKET"})
class SocketIdleIT extends ServerFixture {
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);

  @Test
  void aClientThatFallsSilentIsPingedThenClosedWithByeIdle() {
    configure(c -> c.withHeartbeat(HEARTBEAT));
    WireClient ann = guest("ann");
    join(ann, "lobby");
    WireClient bob = guest("bob");
    join(bob, "lobby");
    ann.expect("presence");
    ann.pauseReading();
    long silentSince = System.nanoTime();

    JsonNode left = nextAnsweringPings(bob);
    long closedAfter = (System.nanoTime() - silentSince) / 1_000_000;
    ann.resumeReading();
    List<JsonNode> frames = ann.awaitClosed(Duration.ofSeconds(10));

    assertThat(left.path("type").asText()).isEqualTo("presence");
    assertThat(left.path("event").asText()).isEqualTo("leave");
    assertThat(closedAfter).as("ms before the close").isBetween(2000L, 8000L);
    assertThat(frames).isNotEmpty();
    JsonNode last = frames.get(frames.size() - 1);
    boolean byeArrived = last.path("type").asText().equals("bye");
    if (transport() == Transport.TCP || byeArrived) {
      assertThat(last.path("type").asText()).isEqualTo("bye");
      assertThat(last.path("reason").asText()).isEqualTo("idle");
    }
    // The JDK's WebSocket client, once closed, drops what it had not handed over while reading
    // was paused; like a slow consumer, a client that reads nothing may miss its bye.
    List<JsonNode> pings = byeArrived ? frames.subList(0, frames.size() - 1) : frames;
    assertThat(pings)
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.path("type").asText()).isEqualTo("ping"));
  }

  @Test
  void aConnectionThatAnswersThePingsStaysOpen() {
    configure(c -> c.withHeartbeat(HEARTBEAT));
    WireClient ann = guest("ann");
    long start = System.nanoTime();

    int pings = 0;
    while (millisSince(start) < 4500) {
      assertThat(ann.next(Duration.ofSeconds(3)).path("type").asText()).isEqualTo("ping");
      ann.sendFrame("type", "pong");
      pings++;
    }

    assertThat(pings).isGreaterThanOrEqualTo(3);
    ann.sendFrame("type", "ping", "ref", "alive");
    JsonNode frame = ann.next();
    while (frame.path("type").asText().equals("ping")) {
      frame = ann.next();
    }
    assertThat(frame.path("type").asText()).isEqualTo("pong");
    assertThat(refOf(frame)).isEqualTo("alive");
  }

  /** The next frame that is not a ping; pings are answered, so the connection stays alive. */
  private static JsonNode nextAnsweringPings(WireClient client) {
    JsonNode frame = client.next(Duration.ofSeconds(10));
    while (frame.path("type").asText().equals("ping")) {
      client.sendFrame("type", "pong");
      frame = client.next(Duration.ofSeconds(10));
    }
    return frame;
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
