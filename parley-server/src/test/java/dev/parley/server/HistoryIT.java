package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Contract section "History": before, limit, more, and who may read. */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class HistoryIT extends ServerFixture {

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withRatePerSecond(UNLIMITED);
  }

  @Test
  void historyWithoutBeforeReturnsTheNewest50OldestFirstWithoutJoining() {
    WireClient ann = guest("ann");
    join(ann, "lobby");
    List<JsonNode> acks = seed(ann, "lobby", 120);
    WireClient bob = guest("bob");

    bob.sendFrame("type", "history", "room", "lobby", "ref", "h1");

    JsonNode history = bob.expect("history");
    assertThat(refOf(history)).isEqualTo("h1");
    assertThat(history.path("room").asText()).isEqualTo("lobby");
    assertThat(history.path("more").isBoolean()).isTrue();
    assertThat(history.path("more").asBoolean()).isTrue();
    List<JsonNode> messages = messages(history);
    assertThat(ids(messages)).containsExactlyElementsOf(range(71, 120));
    for (JsonNode m : messages) {
      int id = m.path("id").asInt();
      assertThat(m.path("from").asText()).isEqualTo("ann");
      assertThat(m.path("text").asText()).isEqualTo("lobby " + id);
      assertThat(m.path("ts").asLong()).isEqualTo(acks.get(id - 1).path("ts").asLong());
    }
    bob.assertNoMoreFrames();
  }

  @Test
  void beforeAndLimitPageBackwardsAndMoreSaysWhetherOlderMessagesExist() {
    WireClient ann = guest("ann");
    join(ann, "lobby");
    seed(ann, "lobby", 120);
    WireClient bob = guest("bob");

    assertPage(history(bob, "lobby", 42L, 10), range(32, 41), true);
    assertPage(history(bob, "lobby", 12L, 10), range(2, 11), true);
    assertPage(history(bob, "lobby", 11L, 10), range(1, 10), false);
    assertPage(history(bob, "lobby", 5L, 10), range(1, 4), false);
    assertPage(history(bob, "lobby", 1L, 10), List.of(), false);
    assertPage(history(bob, "lobby", 1000L, 3), range(118, 120), true);
    assertPage(history(bob, "lobby", null, 1), List.of(120L), true);
  }

  @Test
  void pagingBackFromTheNewestVisitsEveryMessageOnce() {
    WireClient ann = guest("ann");
    join(ann, "lobby");
    seed(ann, "lobby", 120);
    WireClient bob = guest("bob");

    List<Long> all = new ArrayList<>();
    Long before = null;
    boolean more = true;
    while (more) {
      JsonNode page = history(bob, "lobby", before, 50);
      List<Long> ids = ids(messages(page));
      all.addAll(0, ids);
      before = ids.get(0);
      more = page.path("more").asBoolean();
    }
    assertThat(all).containsExactlyElementsOf(range(1, 120));
  }

  @Test
  void aLimitOver200IsTreatedAs200() {
    WireClient ann = guest("ann");
    join(ann, "lobby");
    seed(ann, "lobby", 250);
    WireClient bob = guest("bob");

    assertPage(history(bob, "lobby", null, 1000), range(51, 250), true);
    assertPage(history(bob, "lobby", null, 201), range(51, 250), true);
    assertPage(history(bob, "lobby", 250L, 200), range(50, 249), true);
  }

  @Test
  void aLimitBelowOneOrANegativeBeforeIsRefusedWithBadRequest() {
    WireClient ann = guest("ann");
    join(ann, "lobby");
    seed(ann, "lobby", 3);

    ann.sendFrame("type", "history", "room", "lobby", "limit", 0, "ref", "zero");
    assertThat(refOf(ann.expectError("bad_request"))).isEqualTo("zero");
    ann.sendFrame("type", "history", "room", "lobby", "limit", -5, "ref", "negative");
    assertThat(refOf(ann.expectError("bad_request"))).isEqualTo("negative");
    ann.sendFrame("type", "history", "room", "lobby", "before", -1, "ref", "before");
    assertThat(refOf(ann.expectError("bad_request"))).isEqualTo("before");
    ann.assertNoMoreFrames();
  }

  @Test
  void aRoomWithoutMessagesHasAnEmptyHistory() {
    WireClient ann = guest("ann");
    join(ann, "quiet");
    assertPage(history(ann, "quiet", null, 50), List.of(), false);
  }

  @Test
  void dmHistoryIsForTheTwoUsersOnly() {
    WireClient zoe = register("zoe");
    WireClient adam = register("adam");
    dm(zoe, "adam", "one", adam);
    dm(zoe, "adam", "two", adam);
    WireClient carol = guest("carol");

    carol.sendFrame("type", "history", "room", "dm:adam:zoe", "ref", "peek");
    assertThat(refOf(carol.expectError("forbidden"))).isEqualTo("peek");

    JsonNode history = history(adam, "dm:adam:zoe", null, 50);
    assertPage(history, List.of(1L, 2L), false);
    assertThat(messages(history)).extracting(m -> m.path("text").asText())
        .containsExactly("one", "two");
    assertPage(history(zoe, "dm:adam:zoe", 2L, 50), List.of(1L), false);
  }

  private static void dm(WireClient from, String to, String text, WireClient receiver) {
    from.sendFrame("type", "dm", "to", to, "text", text);
    from.expect("ack");
    from.expect("msg");
    receiver.expect("msg");
  }

  /** Asks for history (before omitted when null) and returns the answer, checking ref and room. */
  private JsonNode history(WireClient client, String room, Long before, int limit) {
    String ref = ref();
    if (before == null) {
      client.sendFrame("type", "history", "room", room, "limit", limit, "ref", ref);
    } else {
      client.sendFrame(
          "type", "history", "room", room, "before", before, "limit", limit, "ref", ref);
    }
    JsonNode history = client.expect("history");
    assertThat(refOf(history)).isEqualTo(ref);
    assertThat(history.path("room").asText()).isEqualTo(room);
    return history;
  }

  private static List<JsonNode> messages(JsonNode history) {
    assertThat(history.path("messages").isArray()).as("messages of %s", history).isTrue();
    List<JsonNode> messages = new ArrayList<>();
    history.path("messages").forEach(messages::add);
    return messages;
  }

  private static void assertPage(JsonNode history, List<Long> ids, boolean more) {
    assertThat(ids(messages(history))).as("ids").containsExactlyElementsOf(ids);
    assertThat(history.path("more").asBoolean()).as("more of %s", ids).isEqualTo(more);
  }
}
