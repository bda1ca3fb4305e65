package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT gateway of a real {@code parley serve} process, killed with {@code kill -9} while a
 * Paho client's QoS 1 messages are on their way: after the restart the client sends again,
 * with DUP, every PUBLISH it has no PUBACK for, and each message is stored exactly once.
 */
class MqttCrashIT {
  private static final String ROOM = "1001";
  private static final int MESSAGES = 200;

  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;
  @TempDir Path clientDir;

  @Test
  void theListeningLineNamesTheMqttListenerAfterUdp() {
    ServerProcess server = servers.start(dataDir, "--udp-port", "0", "--mqtt-port", "0");

    assertThat(server.stdoutLines().get(0))
        .matches("parley listening tcp=127\\.0\\.0\\.1:\\d+ http=127\\.0\\.0\\.1:\\d+ udp=127\\.0\\.0\\.1:\\d+"
            + " mqtt=127\\.0\\.0\\.1:\\d+");
  }

  @Test
  void qos1PublishesCutOffByKillNineAreStoredExactlyOnceAfterTheRestart() throws Exception {
    int mqttPort = ServerProcess.freePort();
    ServerProcess first = servers.start(dataDir, "--rate", "10000", "--mqtt-port", String.valueOf(mqttPort));
    WireClient.register(first.tcpAddress(), "alice", "correct horse").close();
    MqttAsyncClient client = new MqttAsyncClient(
        "tcp://127.0.0.1:" + mqttPort, "alice-sensor", new MqttDefaultFilePersistence(clientDir.toString()));
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName("alice");
    options.setPassword("correct horse".toCharArray());
    options.setCleanSession(false);
    options.setMaxInflight(MESSAGES);
    options.setConnectionTimeout(10);
    try {
      client.connect(options).waitForCompletion(10_000);
      List<IMqttDeliveryToken> tokens = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        tokens.add(client.publish("rooms/" + ROOM, ("reading " + i).getBytes(StandardCharsets.UTF_8), 1, false));
      }
      // The kill comes as soon as the first PUBACK does: some stored and acknowledged, some
      // stored without a PUBACK, some not yet sent.
      tokens.get(0).waitForCompletion(10_000);
      first.kill9();
      await().atMost(Duration.ofSeconds(10)).until(() -> !client.isConnected());

      ServerProcess second = servers.startLike(first);
      client.connect(options).waitForCompletion(10_000);
      await().atMost(Duration.ofSeconds(30)).until(() -> tokens.stream().allMatch(IMqttDeliveryToken::isComplete));

      try (WireClient reader = WireClient.guest(second.tcpAddress(), "reader")) {
        List<JsonNode> stored = Chat.joinSince(reader, ROOM, 0);
        Map<String, Integer> counts = new HashMap<>();
        stored.forEach(m -> counts.merge(m.path("text").asText(), 1, Integer::sum));
        for (int i = 0; i < MESSAGES; i++) {
          assertThat(counts.get("reading " + i)).as("copies of reading %s in %s", i, counts).isEqualTo(1);
        }
        assertThat(stored).hasSize(MESSAGES);
      }
    } finally {
      if (client.isConnected()) {
        client.disconnectForcibly(100, 100);
      }
      client.close(true);
    }
  }
}
