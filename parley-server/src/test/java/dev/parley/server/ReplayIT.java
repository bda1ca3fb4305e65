package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Contract section "Rooms": the replay after {@code joined}, with and without {@code since}. */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class ReplayIT extends ServerFixture {

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withRatePerSecond(UNLIMITED);
  }

  @Test
  void joinWithSinceReplaysEveryLaterMessageInOrderRightAfterJoined() {
    WireClient ann = guest("ann");
    join(ann, "lobby");
    List<JsonNode> acks = seed(ann, "lobby", 5);
    WireClient bob = guest("bob");

    JsonNode joined = join(bob, "lobby", 2);

    assertThat(joined.path("last").asLong()).isEqualTo(5);
    List<JsonNode> replay = expectMsgs(bob, 3);
    assertThat(ids(replay)).containsExactly(3L, 4L, 5L);
    for (int i = 0; i < 3; i++) {
      JsonNode msg = replay.get(i);
      assertThat(msg.path("room").asText()).isEqualTo("lobby");
      assertThat(msg.path("from").asText()).isEqualTo("ann");
      assertThat(msg.path("text").asText()).isEqualTo("lobby " + (i + 3));
      assertThat(msg.path("ts").asLong()).isEqualTo(acks.get(i + 2).path("ts").asLong());
    }
    bob.assertNoMoreFrames();
  }

  @Test
  void joinWithSinceZeroReplaysEverything() {
    WireClient ann = guest("ann");
    join(ann, "lobby");
    seed(ann, "lobby", 7);
    WireClient bob = guest("bob");

    join(bob, "lobby", 0);

    assertThat(ids(expectMsgs(bob, 7))).containsExactlyElementsOf(range(1, 7));
    bob.assertNoMoreFrames();
  }

  @Test
  void joinWithSinceAtOrAfterTheNewestIdReplaysNothing() {
    WireClient ann = guest("ann");
    join(ann, "lobby");
    seed(ann, "lobby", 4);
    WireClient bob = guest("bob");
    WireClient carol = guest("carol");

    assertThat(join(bob, "lobby", 4).path("last").asLong()).isEqualTo(4);
    bob.assertNoMoreFrames();
    assertThat(join(carol, "lobby", 99).path("last").asLong()).isEqualTo(4);
    carol.assertNoMoreFrames();
  }

  @Test
  void joinWithoutSinceReplaysTheNewest50() {
    WireClient ann = guest("ann");
    join(ann, "lobby");
    seed(ann, "lobby", 60);
    WireClient bob = guest("bob");

    JsonNode joined = join(bob, "lobby");

    assertThat(joined.path("last").asLong()).isEqualTo(60);
    assertThat(joined.path("truncated").asBoolean(false)).isFalse();
    assertThat(ids(expectMsgs(bob, 50))).containsExactlyElementsOf(range(11, 60));
    bob.assertNoMoreFrames();
  }

  @Test
  void joinWithoutSinceReplaysAllOfASmallRoom() {
    WireClient ann = guest("ann");
    join(ann, "lobby");
    seed(ann, "lobby", 3);
    WireClient bob = guest("bob");

    join(bob, "lobby");

    assertThat(ids(expectMsgs(bob, 3))).containsExactly(1L, 2L, 3L);
    bob.assertNoMoreFrames();
  }

  @Test
  void moreThan1000MissedReplaysThe1000NewestAndSaysTruncated() {
    WireClient ann = guest("ann");
    join(ann, "lobby");
    seed(ann, "lobby", 1100);
    WireClient bob = guest("bob");
    WireClient carol = guest("carol");
    WireClient dave = guest("dave");

    JsonNode joined = join(bob, "lobby", 0);
    assertThat(joined.path("truncated").asBoolean(false)).isTrue();
    assertThat(joined.path("last").asLong()).isEqualTo(1100);
    assertThat(ids(expectMsgs(bob, 1000))).containsExactlyElementsOf(range(101, 1100));
    bob.assertNoMoreFrames();

    assertThat(join(carol, "lobby", 99).path("truncated").asBoolean(false)).isTrue();
    assertThat(ids(expectMsgs(carol, 1000))).containsExactlyElementsOf(range(101, 1100));
    carol.assertNoMoreFrames();

    JsonNode exactly1000 = join(dave, "lobby", 100);
    assertThat(exactly1000.path("truncated").asBoolean(false)).isFalse();
    assertThat(ids(expectMsgs(dave, 1000))).containsExactlyElementsOf(range(101, 1100));
    dave.assertNoMoreFrames();
  }

  @Test
  void theReplayAndLiveMessagesNeverInterleave() {
    WireClient ann = guest("ann");
    join(ann, "lobby");
    seed(ann, "lobby", 200);
    WireClient carol = guest("carol");
    join(carol, "lobby");
    ann.expect("presence");
    WireClient bob = guest("bob");

    for (int i = 0; i < 100; i++) {
      carol.sendFrame("type", "send", "room", "lobby", "text", "live " + i);
    }
    JsonNode joined = join(bob, "lobby", 0);

    long last = joined.path("last").asLong();
    assertThat(last).isBetween(200L, 300L);
    List<JsonNode> msgs = takeMsgs(bob, 300);
    assertThat(ids(msgs)).containsExactlyElementsOf(range(1, 300));
    bob.assertNoMoreFrames();
  }

  @Test
  void joiningARoomAgainAnswersJoinedAndTheReplayWithoutPresence() {
    WireClient ann = guest("ann");
    WireClient bob = guest("bob");
    join(ann, "lobby");
    join(bob, "lobby");
    ann.expect("presence");
    seed(bob, "lobby", 3);
    expectMsgs(ann, 3);

    bob.sendFrame("type", "join", "room", "lobby", "since", 1, "ref", "again");

    JsonNode joined = bob.expect("joined");
    assertThat(refOf(joined)).isEqualTo("again");
    assertThat(joined.path("members"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("ann", "bob");
    assertThat(ids(expectMsgs(bob, 2))).containsExactly(2L, 3L);
    bob.assertNoMoreFrames();
    ann.assertNoMoreFrames();
    say(ann, "lobby", "still one copy");
    assertThat(ids(expectMsgs(bob, 1))).containsExactly(4L);
    bob.assertNoMoreFrames();
  }

  @Test
  void joinWithANegativeSinceIsRefusedWithBadRequest() {
    WireClient ann = guest("ann");
    ann.sendFrame("type", "join", "room", "lobby", "since", -1, "ref", "neg");
    assertThat(refOf(ann.expectError("bad_request"))).isEqualTo("neg");
    ann.sendFrame("type", "rooms");
    List<String> rooms = new ArrayList<>();
    ann.expect("rooms").path("rooms").forEach(r -> rooms.add(r.path("room").asText()));
    assertThat(rooms).doesNotContain("lobby");
  }
}
