package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.store.RoomInfo;
import dev.parley.server.store.sqlite.SqliteStore;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A room costs storage once someone writes to it, and memory while it is in use: joining rooms
 * by the thousand, or moderating rooms that do not exist, leaves nothing behind (security
 * issue, finding 8).
 */
class RoomMemoryIT extends ServerFixture {

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withRoomIdle(Duration.ofMillis(300)).withMaxRoomsPerConnection(1000).withRatePerSecond(UNLIMITED);
  }

  private List<String> storedRooms() {
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      return store.publicRooms(10_000).stream().map(RoomInfo::name).toList();
    }
  }

  private void awaitRoomsInMemory(int n) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(MetricsPage.value(server(), "parley_rooms")).isEqualTo(n));
  }

  @Test
  void roomsJoinedButNeverWrittenToLeaveNoTraceInStorageOrMemory() {
    WireClient wanderer = guest("wanderer");
    for (int i = 0; i < 200; i++) {
      join(wanderer, "nowhere-" + i);
    }
    wanderer.sendFrame("type", "kick", "room", "no-such-room", "user", "bob", "ref", "k");
    assertThat(refOf(wanderer.expectError("forbidden"))).isEqualTo("k");
    assertThat(MetricsPage.value(server(), "parley_rooms")).isGreaterThanOrEqualTo(200);

    wanderer.close();

    awaitRoomsInMemory(0);
    assertThat(storedRooms()).isEmpty();
  }

  @Test
  void aRoomWrittenToStaysStoredAndComesBackWhole() {
    WireClient ann = register("ann");
    join(ann, "garden");
    seed(ann, "garden", 3);
    ann.sendFrame("type", "leave", "room", "garden");
    ann.expect("left");
    awaitRoomsInMemory(0);

    WireClient bob = register("bob");
    JsonNode joined = join(bob, "garden", 0);

    assertThat(joined.path("last").asLong()).isEqualTo(3);
    assertThat(joined.path("owners")).extracting(JsonNode::asText).containsExactly("ann");
    assertThat(ids(expectMsgs(bob, 3))).containsExactly(1L, 2L, 3L);
    assertThat(storedRooms()).containsExactly("garden");
  }

  @Test
  void theFirstOwnerOfARoomNobodyWroteToIsForgottenWithIt() {
    WireClient ann = register("ann");
    assertThat(join(ann, "empty").path("owners")).extracting(JsonNode::asText).containsExactly("ann");
    ann.sendFrame("type", "leave", "room", "empty");
    ann.expect("left");
    awaitRoomsInMemory(0);

    WireClient bob = register("bob");

    assertThat(join(bob, "empty").path("owners")).extracting(JsonNode::asText).containsExactly("bob");
  }

  @Test
  void anOwnersBanInARoomNobodyWroteToIsKept() {
    WireClient ann = register("ann");
    join(ann, "quiet");
    ann.sendFrame("type", "ban", "room", "quiet", "user", "mallory", "ref", "b");
    ann.expect("moderated");
    ann.close();
    awaitRoomsInMemory(0);

    WireClient mallory = guest("mallory");
    mallory.sendFrame("type", "join", "room", "quiet", "ref", "j");

    assertThat(refOf(mallory.expectError("forbidden"))).isEqualTo("j");
  }

  @Test
  void aRoomPeopleAreInIsListedBeforeAnyoneWritesToIt() {
    WireClient ann = guest("ann");
    join(ann, "quiet");
    WireClient bob = guest("bob");

    bob.sendFrame("type", "rooms");
    JsonNode rooms = bob.expect("rooms").path("rooms");

    assertThat(rooms).hasSize(1);
    assertThat(rooms.get(0).path("room").asText()).isEqualTo("quiet");
    assertThat(rooms.get(0).path("members").asInt()).isEqualTo(1);
  }
}
