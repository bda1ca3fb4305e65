package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Limits on what one address, one connection and one room may hold; each answers clearly. */
class AbuseLimitsIT extends ServerFixture {

  @Test
  void aConnectionFloodFromOneAddressIsCappedWhileAnotherAddressStillConnects() throws Exception {
    configure(c -> c.withMaxConnectionsPerAddress(3));
    for (int i = 0; i < 3; i++) {
      guest("flood" + i);
    }

    WireClient fourth = connect();
    List<JsonNode> frames = fourth.awaitClosed(Duration.ofSeconds(10));

    assertThat(frames).extracting(f -> f.path("code").asText()).containsExactly("rate_limited");
    try (WireClient other = WireClient.connectFrom(server().tcpAddress(), InetAddress.getByName("127.0.0.2"))) {
      other.sendFrame("type", "hello", "user", "elsewhere");
      assertThat(other.expect("welcome").path("user").asText()).isEqualTo("elsewhere");
    }
  }

  @Test
  void aClosedConnectionFreesItsSlot() {
    configure(c -> c.withMaxConnectionsPerAddress(1));
    WireClient first = guest("first");
    first.sendFrame("type", "bye");
    first.awaitClosed(Duration.ofSeconds(10));

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      try (WireClient again = connect()) {
        again.sendFrame("type", "hello", "user", "again");
        assertThat(again.next().path("type").asText()).isEqualTo("welcome");
      }
    });
  }

  @Test
  void aConnectionMayJoinOnlySoManyRooms() {
    configure(c -> c.withMaxRoomsPerConnection(2));
    WireClient ann = guest("ann");
    join(ann, "one");
    join(ann, "two");

    ann.sendFrame("type", "join", "room", "three", "ref", "j3");
    JsonNode refused = ann.expectError("forbidden");

    assertThat(refOf(refused)).isEqualTo("j3");
    join(ann, "two");
    ann.sendFrame("type", "leave", "room", "one");
    ann.expect("left");
    join(ann, "three");
  }

  @Test
  void aFullRoomRefusesAnotherMember() {
    configure(c -> c.withMaxRoomMembers(2));
    WireClient ann = guest("ann");
    join(ann, "small");
    WireClient bob = guest("bob");
    join(bob, "small");
    ann.expect("presence");

    WireClient carol = guest("carol");
    carol.sendFrame("type", "join", "room", "small");
    carol.expectError("forbidden");
    carol.sendFrame("type", "send", "room", "small", "text", "let me in");
    carol.expectError("not_in_room");
    ann.assertNoMoreFrames();
  }
}
