package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract sections "Rooms" and "Messages": with many senders at once, every member sees the
 * same messages in the same id order, with no gap and no duplicate.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class OrderingIT extends ServerFixture {
  private static final int CLIENTS = 30;
  private static final int EACH = 20;

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withRatePerSecond(1000);
  }

  @Test
  void thirtySendersAtOnceAreSeenByEveryMemberInTheSameGaplessOrder() {
    List<WireClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      WireClient client = guest("user" + i);
      join(client, "lobby");
      clients.add(client);
    }

    for (int round = 0; round < EACH; round++) {
      for (int i = 0; i < CLIENTS; i++) {
        clients.get(i).sendFrame(
            "type", "send", "room", "lobby", "text", "user" + i + " " + round, "ref", "r" + round);
      }
    }

    int total = CLIENTS * EACH;
    List<String> reference = null;
    for (int i = 0; i < CLIENTS; i++) {
      WireClient client = clients.get(i);
      List<JsonNode> msgs = takeMsgs(client, total, "presence", "ack");
      assertThat(ids(msgs)).as("ids seen by user%d", i).containsExactlyElementsOf(range(1, total));
      List<String> rendered =
          msgs.stream()
              .map(m -> m.path("id") + " " + m.path("from").asText() + " " + m.path("text"))
              .toList();
      if (reference == null) {
        reference = rendered;
      } else {
        assertThat(rendered).as("messages seen by user%d", i).isEqualTo(reference);
      }
      assertOwnMessagesInSendOrderAndAcked(client, "user" + i, msgs);
    }
    clients.get(0).assertNoMoreFrames();
    for (WireClient client : clients) {
      client.assertNoMoreFrames(Duration.ofMillis(1)); // all had the same 300 ms to misbehave
    }
  }

  private static void assertOwnMessagesInSendOrderAndAcked(
      WireClient client, String user, List<JsonNode> msgs) {
    Map<String, Long> ownIds = new HashMap<>();
    List<String> ownTexts = new ArrayList<>();
    for (JsonNode m : msgs) {
      if (m.path("from").asText().equals(user)) {
        ownTexts.add(m.path("text").asText());
        ownIds.put(m.path("text").asText(), m.path("id").asLong());
      }
    }
    List<String> expected = new ArrayList<>();
    for (int round = 0; round < EACH; round++) {
      expected.add(user + " " + round);
    }
    assertThat(ownTexts).as("own messages of %s", user).containsExactlyElementsOf(expected);

    List<JsonNode> acks =
        client.seen().stream().filter(f -> f.path("type").asText().equals("ack")).toList();
    assertThat(acks).as("acks of %s", user).hasSize(EACH);
    for (int round = 0; round < EACH; round++) {
      JsonNode ack = acks.get(round);
      assertThat(refOf(ack)).isEqualTo("r" + round);
      assertThat(ack.path("id").asLong()).isEqualTo(ownIds.get(user + " " + round));
    }
  }
}
