package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An ack is a promise: {@code kill -9} right after it loses nothing, and a retry stores nothing. */
class CrashRecoveryIT {
  private static final int MESSAGES = 100;
  private static final String ROOM = "1001";

  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;

  @Test
  void killNineRightAfterTheLastAckLosesNothingAcknowledged() {
    ServerProcess first = servers.start(dataDir, "--rate", "10000");
    Map<String, JsonNode> acks = new LinkedHashMap<>();
    try (WireClient alice = WireClient.guest(first.tcpAddress(), "alice")) {
      Chat.join(alice, ROOM);
      for (int i = 0; i < MESSAGES; i++) {
        alice.send(Chat.sendFrame(ROOM, "message " + i, "r" + i));
      }
      while (acks.size() < MESSAGES) {
        JsonNode frame = alice.next();
        if (frame.path("type").asText().equals("ack")) {
          acks.put(frame.path("ref").asText(), frame);
        }
      }
      first.kill9();
    }

    ServerProcess second = servers.start(dataDir, "--rate", "10000");
    try (WireClient alice = WireClient.guest(second.tcpAddress(), "alice")) {
      List<JsonNode> replayed = Chat.joinSince(alice, ROOM, 0);

      assertThat(replayed).hasSize(MESSAGES);
      for (int i = 0; i < MESSAGES; i++) {
        JsonNode ack = acks.get("r" + i);
        JsonNode msg = replayed.get((int) ack.path("id").asLong() - 1);
        assertThat(msg.path("text").asText()).as("text of id %s", ack.path("id")).isEqualTo("message " + i);
        assertThat(msg.path("ts")).as("ts of id %s", ack.path("id")).isEqualTo(ack.path("ts"));
        assertThat(msg.path("from").asText()).isEqualTo("alice");
      }

      alice.send(Chat.sendFrame(ROOM, "message 0", "r0"));
      assertThat(alice.expect("ack")).isEqualTo(acks.get("r0"));
      alice.assertNoMoreFrames();
    }
  }

  @Test
  void readMarkersTopicsEditsAndDeletesSurviveKillNine() {
    ServerProcess first = servers.start(dataDir, "--rate", "10000");
    try (WireClient phone = WireClient.register(first.tcpAddress(), "alice", "correct horse");
        WireClient laptop = logIn(first, "alice")) {
      Chat.join(phone, ROOM); // the first registered user in: the room's owner
      Chat.join(laptop, ROOM);
      phone.sendFrame("type", "topic", "room", ROOM, "text", "Release day", "ref", "t1");
      Chat.awaitFrame(phone, "topic", "t1");
      long first1 = Chat.say(phone, ROOM, "one", "s1").path("id").asLong();
      long second = Chat.say(phone, ROOM, "two", "s2").path("id").asLong();
      phone.sendFrame("type", "edit", "room", ROOM, "id", first1, "text", "one!", "ref", "e1");
      Chat.awaitFrame(phone, "ack", "e1");
      phone.sendFrame("type", "delete", "room", ROOM, "id", second, "ref", "d1");
      long last = Chat.awaitFrame(phone, "ack", "d1").path("id").asLong();
      phone.sendFrame("type", "read", "room", ROOM, "id", last);
      awaitType(laptop, "read"); // told only once it is stored
      first.kill9();
    }

    ServerProcess second = servers.start(dataDir, "--rate", "10000");
    try (WireClient alice = logIn(second, "alice")) {
      alice.sendFrame("type", "join", "room", ROOM, "since", 0);
      JsonNode joined = awaitType(alice, "joined");
      assertThat(joined.path("topic").asText()).isEqualTo("Release day");
      assertThat(joined.path("read").asLong()).isEqualTo(joined.path("last").asLong()).isEqualTo(4);
      List<JsonNode> replayed = List.of(alice.expect("msg"), alice.expect("msg"), alice.expect("msg"), alice.expect("msg"));
      assertThat(replayed).extracting(m -> m.path("text").asText()).containsExactly("one", "", "one!", "");
      assertThat(replayed.get(1).path("deleted").asBoolean()).isTrue();
      assertThat(replayed.get(2).path("edit").asLong()).isEqualTo(1);
      assertThat(replayed.get(3).path("delete").asLong()).isEqualTo(2);
    }
  }

  private static WireClient logIn(ServerProcess server, String user) {
    WireClient c = WireClient.connect(server.tcpAddress());
    c.sendFrame("type", "hello", "user", user, "password", "correct horse");
    awaitType(c, "welcome");
    return c;
  }

  private static JsonNode awaitType(WireClient c, String type) {
    for (int i = 0; i < 100; i++) {
      JsonNode frame = c.next();
      if (frame.path("type").asText().equals(type)) {
        return frame;
      }
    }
    throw new AssertionError("no " + type + " among " + c.seen());
  }
}
