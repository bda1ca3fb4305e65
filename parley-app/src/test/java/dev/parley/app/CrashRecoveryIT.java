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
}
