package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract section "Keeping the connection alive": ping, pong, idle and bye. */
class HeartbeatIT extends ServerFixture {
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);

  @Test
  void pingIsAnsweredWithPongCarryingTheRef() {
    WireClient ann = guest("ann");

    ann.sendFrame("type", "ping", "ref", "p1");
    assertThat(refOf(ann.expect("pong"))).isEqualTo("p1");

    ann.sendFrame("type", "ping");
    assertThat(ann.expect("pong").has("ref")).isFalse();
    ann.assertNoMoreFrames();
  }

  @Test
  void pingIsAnsweredBeforeLoggingIn() {
    WireClient client = connect();
    client.sendFrame("type", "ping", "ref", "early");
    assertThat(refOf(client.expect("pong"))).isEqualTo("early");
    client.sendFrame("type", "hello", "user", "ann");
    client.expect("welcome");
  }

  @Test
  void welcomeCarriesTheHeartbeatInWholeSeconds() {
    configure(c -> c.withHeartbeat(Duration.ofSeconds(7)));
    JsonNode heartbeat = welcomeOf(guest("ann")).path("heartbeat");
    assertThat(heartbeat.isIntegralNumber()).isTrue();
    assertThat(heartbeat.asInt()).isEqualTo(7);
  }

  @Test
  void aSilentConnectionIsPingedThenClosedWithByeIdleAfterTwoMoreSilentHeartbeats() {
    configure(c -> c.withHeartbeat(HEARTBEAT));
    WireClient ann = guest("ann");
    long silentSince = System.nanoTime();

    JsonNode ping = ann.next(Duration.ofSeconds(5));
    long pingedAfter = millisSince(silentSince);
    List<JsonNode> rest = ann.awaitClosed(Duration.ofSeconds(10));
    long closedAfter = millisSince(silentSince);

    assertThat(ping.path("type").asText()).isEqualTo("ping");
    assertThat(pingedAfter).as("ms before the first ping").isBetween(500L, 3000L);
    assertThat(rest).as("frames after the first ping").isNotEmpty();
    JsonNode bye = rest.get(rest.size() - 1);
    assertThat(bye.path("type").asText()).isEqualTo("bye");
    assertThat(bye.path("reason").asText()).isEqualTo("idle");
    assertThat(rest.subList(0, rest.size() - 1))
        .allSatisfy(f -> assertThat(f.path("type").asText()).isEqualTo("ping"));
    assertThat(closedAfter).as("ms before the close").isBetween(2000L, 8000L);
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

  @Test
  void byeFromTheClientMakesTheServerCloseAndTheOthersSeeItLeave() {
    WireClient ann = guest("ann");
    WireClient bob = guest("bob");
    join(bob, "lobby");
    join(ann, "lobby");
    bob.expect("presence");

    ann.sendFrame("type", "bye");

    assertThat(ann.awaitClosed(Duration.ofSeconds(5)))
        .allSatisfy(f -> assertThat(f.path("type").asText()).isEqualTo("bye"));
    JsonNode leave = bob.expect("presence");
    assertThat(leave.path("user").asText()).isEqualTo("ann");
    assertThat(leave.path("event").asText()).isEqualTo("leave");
  }

  @Test
  void byeBeforeLoggingInMakesTheServerClose() {
    WireClient client = connect();
    client.sendFrame("type", "bye");
    assertThat(client.awaitClosed(Duration.ofSeconds(5)))
        .allSatisfy(f -> assertThat(f.path("type").asText()).isEqualTo("bye"));
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
