package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.WireClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One room, one member per transport, all sending at once: each sees the same ids in the
 * same order, with no gap and no repeat. The transports meet in one session layer.
 */
class MixedTransportsIT extends ServerFixture {
  private static final int EACH = 20;

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withRatePerSecond(UNLIMITED);
  }

  @Test
  void membersOverTcpWebSocketAndLongPollingSeeTheSameIdsInTheSameOrder() {
    int port = server().httpAddress().orElseThrow().getPort();
    WireClient tcp = guest("tcp");
    WireClient ws = WireClient.webSocket(URI.create("ws://127.0.0.1:" + port + "/ws"), null);
    WireClient poll = WireClient.longPoll(URI.create("http://127.0.0.1:" + port + "/"));
    List<WireClient> all = List.of(tcp, ws, poll);
    ws.sendFrame("type", "hello", "user", "ws").expect("welcome");
    poll.sendFrame("type", "hello", "user", "poll").expect("welcome");
    for (WireClient c : all) {
      join(c, "mixed");
    }

    for (int i = 0; i < EACH; i++) {
      for (WireClient c : all) {
        c.sendFrame("type", "send", "room", "mixed", "text", "m" + i);
      }
    }

    List<List<Long>> seen = new ArrayList<>();
    for (WireClient c : all) {
      seen.add(ids(takeMsgs(c, 3 * EACH, "ack", "presence", "ping")));
    }
    ws.close();
    poll.close();
    assertThat(seen.get(0)).containsExactlyElementsOf(range(1, 3 * EACH));
    assertThat(seen.get(1)).isEqualTo(seen.get(0));
    assertThat(seen.get(2)).isEqualTo(seen.get(0));
  }
}
