package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Contract section "Keeping the connection alive": ping, pong, idle and bye. */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
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

}
