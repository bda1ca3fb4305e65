package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.testkit.WireClient;
import java.util.ArrayList;
import java.util.List;

/** The few protocol exchanges the end-to-end tests repeat, with their replies checked. */
final class Chat {
  private Chat() {}

  /** {@code join} with {@code since: 0}, taking the replay; returns {@code joined}. */
  static JsonNode join(WireClient client, String room) {
    return joinAndReplay(client, room, 0).joined();
  }

  /** {@code join} with {@code since}; returns the replayed messages, in order. */
  static List<JsonNode> joinSince(WireClient client, String room, long since) {
    return joinAndReplay(client, room, since).replay();
  }

  record Joined(JsonNode joined, List<JsonNode> replay) {}

  /**
   * Joins and takes the replay that follows {@code joined}: every message after {@code since},
   * up to the {@code last} id that {@code joined} announced, checked to be gapless.
   */
  static Joined joinAndReplay(WireClient client, String room, long since) {
    client.send(
        JsonNodeFactory.instance
            .objectNode()
            .put("type", "join")
            .put("room", room)
            .put("since", since)
            .toString());
    JsonNode joined = client.expect("joined");
    long last = joined.path("last").asLong();
    List<JsonNode> replay = new ArrayList<>();
    for (long id = since + 1; id <= last; id++) {
      JsonNode msg = client.expect("msg");
      assertThat(msg.path("id").asLong()).as("replayed id").isEqualTo(id);
      replay.add(msg);
    }
    return new Joined(joined, replay);
  }

  /** {@code send} with a ref; returns the {@code ack}, after checking the echoed {@code msg}. */
  static JsonNode send(WireClient client, String room, String text, String ref) {
    client.send(sendFrame(room, text, ref));
    JsonNode ack = client.expect("ack");
    assertThat(ack.path("ref").asText()).isEqualTo(ref);
    JsonNode msg = client.expect("msg");
    assertThat(msg.path("id")).isEqualTo(ack.path("id"));
    assertThat(msg.path("text").asText()).isEqualTo(text);
    return ack;
  }

  /**
   * Sends {@code text} and waits for its ack, letting other frames (presence, messages of
   * others) pass by, as a client among other talkers must; returns the ack.
   */
  static JsonNode say(WireClient client, String room, String text, String ref) {
    client.send(sendFrame(room, text, ref));
    return awaitFrame(client, "ack", ref);
  }

  /** Reads frames until one of {@code type} with {@code ref}; returns it. */
  static JsonNode awaitFrame(WireClient client, String type, String ref) {
    for (int i = 0; i < 100; i++) {
      JsonNode frame = client.next();
      if (frame.path("type").asText().equals(type) && frame.path("ref").asText().equals(ref)) {
        return frame;
      }
    }
    throw new AssertionError("no " + type + " with ref " + ref + " among " + client.seen());
  }

  /**
   * Reads frames until a {@code msg} in {@code room} with {@code text} (presence and other
   * rooms' messages pass by); returns it.
   */
  static JsonNode awaitText(WireClient client, String room, String text) {
    for (int i = 0; i < 100; i++) {
      JsonNode frame = client.next();
      if (frame.path("type").asText().equals("msg")
          && frame.path("room").asText().equals(room)
          && frame.path("text").asText().equals(text)) {
        return frame;
      }
    }
    throw new AssertionError("no msg \"" + text + "\" in " + room + " among " + client.seen());
  }

  static String sendFrame(String room, String text, String ref) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("type", "send")
        .put("room", room)
        .put("text", text)
        .put("ref", ref)
        .toString();
  }
}
