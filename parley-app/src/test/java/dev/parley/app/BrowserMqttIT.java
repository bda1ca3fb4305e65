package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** Debian's mosquitto_sub and mosquitto_pub chat with a person on the web page, in one room. */
class BrowserMqttIT {
  private static final String SUB = "/usr/bin/mosquitto_sub";
  private static final String PUB = "/usr/bin/mosquitto_pub";

  @RegisterExtension @Order(1) final ServerProcesses servers = new ServerProcesses();
  @RegisterExtension @Order(2) final Browsers browsers = new Browsers();
  @TempDir Path dir;

  @Test
  void mosquittoClientsAndTheWebPageChatInRoom1001() throws Exception {
    requireMosquittoClients();
    int mqttPort = ServerProcess.freePort();
    ServerProcess server = servers.start(dir.resolve("data"), "--mqtt-port", String.valueOf(mqttPort));
    ChatPage ann = ChatPage.open(browsers.start(), server).enterAsGuest("ann").join("1001");

    // A guest subscriber (a user name without a password) joins room 1001 by subscribing.
    Path received = dir.resolve("received.txt");
    Process sub = new ProcessBuilder(SUB, "-h", "127.0.0.1", "-p", String.valueOf(mqttPort), "-V", "mqttv311",
        "-u", "phone", "-t", "rooms/1001", "-C", "1", "-W", "30", "-v")
        .redirectOutput(received.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      ann.until("the MQTT subscriber among the members",
          d -> !d.findElements(By.cssSelector("#member-list [data-user='phone']")).isEmpty());
      ann.say("hello mosquitto_sub");
      assertThat(sub.waitFor(30, TimeUnit.SECONDS)).as("mosquitto_sub got its one message").isTrue();
      assertThat(Files.readString(received, StandardCharsets.UTF_8).strip())
          .isEqualTo("rooms/1001 hello mosquitto_sub");
    } finally {
      sub.destroyForcibly();
    }

    // A publish at QoS 1 is acknowledged once stored, and the page shows it like any message.
    Process pub = new ProcessBuilder(PUB, "-h", "127.0.0.1", "-p", String.valueOf(mqttPort), "-V", "mqttv5",
        "-u", "sensor", "-t", "rooms/1001", "-m", "hello from mosquitto_pub", "-q", "1")
        .redirectErrorStream(true).start();
    assertThat(pub.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(pub.exitValue()).as(new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    ann.awaitMessage("sensor", "hello from mosquitto_pub");
    assertThat(ann.messages()).extracting(ChatPage.Message::text)
        .containsExactly("hello mosquitto_sub", "hello from mosquitto_pub");
  }

  private static void requireMosquittoClients() {
    for (String tool : List.of(SUB, PUB)) {
      if (!Files.isExecutable(Path.of(tool))) {
        throw new AssertionError(tool + " is missing: run scripts/install-test-tools.sh (mosquitto-clients)");
      }
    }
  }
}
