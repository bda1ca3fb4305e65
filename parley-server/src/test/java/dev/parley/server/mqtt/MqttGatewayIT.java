package dev.parley.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.ServerConfig;
import dev.parley.server.ServerFixture;
import dev.parley.testkit.WireClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * The MQTT gateway with real MQTT clients (Debian's mosquitto_sub and mosquitto_pub, Eclipse
 * Paho 3.1.1) chatting with JSON-lines TCP clients in the same rooms: messages both ways,
 * logins, QoS 0, 1 and 2 each stored once, and a persistent session that resumes after a
 * restart of the server with nothing lost or repeated.
 */
class MqttGatewayIT extends ServerFixture {

  /**
   * One node's gateway: the suite talks MQTT to the first node only, so the cluster run (where
   * the fixture spreads the other clients over two nodes) has nothing more to show here.
   */
  @org.junit.jupiter.api.BeforeEach
  void oneNode() {
    org.junit.jupiter.api.Assumptions.assumeFalse(clusterRun(), "MQTT suites run on one node");
  }

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withMqttPort(0);
  }

  private InetSocketAddress mqtt() {
    return server().mqttAddress().orElseThrow();
  }

  /** Waits until {@code user} is in {@code room}, asking as a guest that is in no room. */
  private void awaitMember(String room, String user) {
    WireClient watcher = guest("watcher");
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      watcher.sendFrame("type", "who", "room", room);
      return watcher.expect("who").path("members").toString().contains("\"" + user + "\"");
    });
    watcher.close();
  }

  private String uri() {
    return "tcp://127.0.0.1:" + mqtt().getPort();
  }

  private MqttClient paho(String clientId, String user, String password, boolean clean) throws MqttException {
    MqttClient client = new MqttClient(uri(), clientId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(user);
    if (password != null) {
      options.setPassword(password.toCharArray());
    }
    options.setCleanSession(clean);
    options.setConnectionTimeout(10);
    client.connect(options);
    closeAfter(() -> {
      if (client.isConnected()) {
        client.disconnectForcibly(100, 100);
      }
      client.close(true);
    });
    return client;
  }

  /** What a Paho client's subscription received, as "topic text" lines. */
  private static List<String> collect(MqttClient client, String topic, int qos) throws MqttException {
    List<String> got = new CopyOnWriteArrayList<>();
    client.subscribe(topic, qos, (t, m) -> got.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
    return got;
  }

  @Test
  void mosquittoSubReceivesWhatATcpClientSaysInTheRoom() throws Exception {
    Mosquitto.requireInstalled();
    Path out = dataDir.resolve("sub.txt");
    Process sub = Mosquitto.subscribe(mqtt(), "mqttv311", "bob", "rooms/1001", 1, out);
    awaitMember("1001", "bob");
    WireClient alice = register("alice");
    join(alice, "1001");

    say(alice, "1001", "hello mqtt");

    assertThat(Mosquitto.finish(sub, out)).isEqualTo("rooms/1001 hello mqtt\n");
  }

  @Test
  void mosquittoPubAtQos1ReachesATcpClientAsAMessageFromItsUser() throws Exception {
    Mosquitto.requireInstalled();
    register("alice").close();
    WireClient bob = guest("bob");
    join(bob, "1001");

    var run = Mosquitto.publish(mqtt(), "mqttv5", "alice", PASSWORD, "rooms/1001", "hi from mosquitto", 1);

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode msg = takeMsgs(bob, 1, "presence").get(0);
    assertThat(msg.path("from").asText()).isEqualTo("alice");
    assertThat(msg.path("text").asText()).isEqualTo("hi from mosquitto");
  }

  @Test
  void mosquittoSubOverMqtt5GetsSenderIdAndTimeAsUserProperties() throws Exception {
    Mosquitto.requireInstalled();
    Path out = dataDir.resolve("sub5.txt");
    Process sub = Mosquitto.subscribe(mqtt(), "mqttv5", "bob", "rooms/lobby", 1, out);
    awaitMember("lobby", "bob");
    WireClient alice = register("alice");
    join(alice, "lobby");

    JsonNode ack = say(alice, "lobby", "with metadata");

    String line = Mosquitto.finish(sub, out);
    assertThat(line).startsWith("rooms/lobby with metadata ");
    assertThat(line).contains("from:alice").contains("id:" + ack.path("id").asLong())
        .contains("ts:" + ack.path("ts").asLong());
  }

  @Test
  void aJsonSubscriptionGivesTheProtocolsMsgFrame() throws Exception {
    MqttClient bob = paho("bob-1", "bob", null, true);
    List<String> got = collect(bob, "rooms/lobby/json", 1);
    WireClient alice = register("alice");
    join(alice, "lobby");

    JsonNode ack = say(alice, "lobby", "as json");

    await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 1);
    JsonNode msg = WireClient.json(got.get(0).substring("rooms/lobby/json ".length()));
    assertThat(msg.path("type").asText()).isEqualTo("msg");
    assertThat(msg.path("id").asLong()).isEqualTo(ack.path("id").asLong());
    assertThat(msg.path("from").asText()).isEqualTo("alice");
    assertThat(msg.path("text").asText()).isEqualTo("as json");
  }

  @Test
  void pahoPublishesAtQos0And1And2AreEachStoredOnceAndComeBackToItsSubscription() throws Exception {
    register("alice").close();
    WireClient bob = guest("bob");
    join(bob, "1001");
    MqttClient alice = paho("alice-phone", "alice", PASSWORD, true);
    List<String> got = collect(alice, "rooms/1001", 1);

    alice.publish("rooms/1001", "zero".getBytes(StandardCharsets.UTF_8), 0, false);
    alice.publish("rooms/1001", "one".getBytes(StandardCharsets.UTF_8), 1, false);
    alice.publish("rooms/1001", "two".getBytes(StandardCharsets.UTF_8), 2, false);

    List<JsonNode> msgs = takeMsgs(bob, 3, "presence");
    assertThat(msgs).extracting(m -> m.path("text").asText()).containsExactly("zero", "one", "two");
    assertThat(ids(msgs)).containsExactly(1L, 2L, 3L);
    await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 3);
    assertThat(got).containsExactly("rooms/1001 zero", "rooms/1001 one", "rooms/1001 two");
  }

  @Test
  void mqttConnectionsAreCountedAsTheirOwnTransport() throws Exception {
    paho("counted", "bob", null, true);

    assertThat(dev.parley.server.MetricsPage.value(server(), "parley_connections{transport=\"mqtt\"}")).isEqualTo(1.0);
  }

  @Test
  void aTokenWorksAsThePassword() throws Exception {
    WireClient alice = register("alice");
    WireClient bob = guest("bob");
    join(bob, "1001");
    MqttClient phone = paho("alice-token", "alice", tokenOf(alice), true);

    phone.publish("rooms/1001", "by token".getBytes(StandardCharsets.UTF_8), 1, false);

    assertThat(takeMsgs(bob, 1, "presence").get(0).path("from").asText()).isEqualTo("alice");
  }

  @Test
  void aWrongPasswordIsRefusedInConnack() throws Exception {
    register("alice").close();
    try {
      paho("alice-bad", "alice", "not the password", true);
      throw new AssertionError("connected with a wrong password");
    } catch (MqttException e) {
      assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }
  }

  @Test
  void withoutGuestsAUserNameAloneIsRefused() throws Exception {
    configure(c -> c.withGuestsAllowed(false));
    try {
      paho("guest-1", "stranger", null, true);
      throw new AssertionError("a guest connected to a server without guests");
    } catch (MqttException e) {
      assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }
  }

  @Test
  void aPersistentSessionResumesAfterARestartWithNothingLostOrRepeated() throws Exception {
    register("bob").close();
    MqttClient bob = paho("bob-laptop", "bob", PASSWORD, false);
    List<String> got = collect(bob, "rooms/1001", 1);
    WireClient alice = register("alice");
    join(alice, "1001");
    for (int i = 1; i <= 3; i++) {
      say(alice, "1001", "m" + i);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 3);
    bob.disconnect();
    alice.expect("presence");
    say(alice, "1001", "m4"); // missed while away
    say(alice, "1001", "m5");
    restart();
    WireClient alice2 = logIn("alice");
    join(alice2, "1001", 5);
    say(alice2, "1001", "after the restart");

    MqttClient bobAgain = new MqttClient(uri(), "bob-laptop", new MemoryPersistence());
    closeAfter(() -> bobAgain.close(true));
    List<String> resumed = new CopyOnWriteArrayList<>();
    bobAgain.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {}

      @Override
      public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
        resumed.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
      }

      @Override
      public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
    });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName("bob");
    options.setPassword(PASSWORD.toCharArray());
    options.setCleanSession(false);
    var token = bobAgain.connectWithResult(options);

    assertThat(token.getSessionPresent()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> resumed.size() >= 3);
    Thread.sleep(500); // a moment in which anything repeated would arrive too
    assertThat(resumed).containsExactly("rooms/1001 m4", "rooms/1001 m5", "rooms/1001 after the restart");
    assertThat(got).hasSize(3);
    bobAgain.disconnect();
  }
}
