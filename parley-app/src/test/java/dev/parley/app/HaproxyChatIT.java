package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.Haproxy;
import dev.parley.testkit.WireClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley chat --server HAPROXY} carries on through the other node when its node is killed. */
class HaproxyChatIT {
  private static final String ROOM = "1001";

  @RegisterExtension final HaproxyCluster cluster = new HaproxyCluster();
  @TempDir Path dir;

  @Test
  void theTerminalClientResumesThroughHaproxyOnTheOtherNodeAndEveryLineIsSaidOnce() {
    Haproxy haproxy = cluster.start(dir, 2);
    List<String> expected = new ArrayList<>();
    try (ChatProcess bot = ChatProcess.start(
        "--server", "127.0.0.1:" + haproxy.tcpAddress().getPort(), "--user", "bot", "--room", ROOM)) {
      for (int i = 1; i <= 5; i++) {
        bot.type("before " + i + "\n");
        expected.add("[" + ROOM + "] bot: before " + i);
      }
      bot.awaitLine("[" + ROOM + "] bot: before 5");
      cluster.node(cluster.holderOf("parley_tcp_nodes", 1)).kill9();

      for (int i = 1; i <= 5; i++) {
        bot.type("after " + i + "\n");
        expected.add("[" + ROOM + "] bot: after " + i);
      }
      bot.closeInput();

      assertThat(bot.awaitExit()).as(bot.stderr()).isZero();
      assertThat(bot.stdout()).containsExactlyElementsOf(expected);
    }
    try (WireClient reader = WireClient.guest(haproxy.tcpAddress(), "reader")) {
      List<JsonNode> replay = Chat.joinSince(reader, ROOM, 0);
      assertThat(replay).extracting(m -> m.path("text").asText())
          .containsExactly("before 1", "before 2", "before 3", "before 4", "before 5",
              "after 1", "after 2", "after 3", "after 4", "after 5");
      assertThat(replay).extracting(m -> m.path("id").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }
  }
}
