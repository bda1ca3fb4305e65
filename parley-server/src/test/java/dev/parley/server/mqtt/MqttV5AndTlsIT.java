package dev.parley.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.ServerConfig;
import dev.parley.server.ServerFixture;
import dev.parley.testkit.TestCertificate;
import dev.parley.testkit.WireClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Eclipse Paho MQTT 5 client: a session kept by its expiry interval resumes after a
 * restart of the server, messages carry their sender, id and time as user properties, and the
 * listener speaks TLS when the server has a certificate.
 */
class MqttV5AndTlsIT extends ServerFixture {
  @TempDir static java.nio.file.Path keys;

  @BeforeEach
  void oneNode() {
    org.junit.jupiter.api.Assumptions.assumeFalse(clusterRun(), "MQTT suites run on one node");
  }

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withMqttPort(0);
  }

  /** What one client received, as "topic text from id" lines. */
  private static final class Inbox implements MqttCallback {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      MqttProperties p = message.getProperties();
      String from = prop(p, "from");
      lines.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8) + " " + from + " " + prop(p, "id"));
    }

    private static String prop(MqttProperties p, String key) {
      return p.getUserProperties().stream().filter(u -> u.getKey().equals(key)).map(UserProperty::getValue)
          .findFirst().orElse("-");
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  private MqttClient client(String uri, String clientId, Inbox inbox) throws MqttException {
    MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
    client.setCallback(inbox);
    closeAfter(() -> {
      if (client.isConnected()) {
        client.disconnectForcibly(100, 100);
      }
      client.close(true);
    });
    return client;
  }

  private static MqttConnectionOptions options(String user, String password, boolean cleanStart, long expiry) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(user);
    if (password != null) {
      o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    o.setCleanStart(cleanStart);
    o.setSessionExpiryInterval(expiry);
    o.setConnectionTimeout(10);
    return o;
  }

  @Test
  void aSessionWithAnExpiryResumesAfterARestartWithItsMissedMessagesAndTheirSenders() throws Exception {
    register("bob").close();
    String uri = "tcp://127.0.0.1:" + server().mqttAddress().orElseThrow().getPort();
    Inbox first = new Inbox();
    MqttClient bob = client(uri, "bob-phone", first);
    bob.connect(options("bob", PASSWORD, true, 3600));
    bob.subscribe("rooms/lobby", 1);
    WireClient alice = register("alice");
    join(alice, "lobby");
    long one = say(alice, "lobby", "before").path("id").asLong();
    await().atMost(Duration.ofSeconds(10)).until(() -> first.lines.size() == 1);
    bob.disconnect();
    alice.expect("presence");
    long two = say(alice, "lobby", "while away").path("id").asLong();
    restart();

    Inbox second = new Inbox();
    MqttClient again = client("tcp://127.0.0.1:" + server().mqttAddress().orElseThrow().getPort(), "bob-phone", second);
    IMqttToken connected = again.connectWithResult(options("bob", PASSWORD, false, 3600));

    assertThat(connected.getSessionPresent()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> second.lines.size() == 1);
    Thread.sleep(300); // room for a repeat, which must not come
    assertThat(first.lines).containsExactly("rooms/lobby before alice " + one);
    assertThat(second.lines).containsExactly("rooms/lobby while away alice " + two);
    again.disconnect();
  }

  @Test
  void withACertificateTheMqttListenerSpeaksTls() throws Exception {
    TestCertificate certificate = TestCertificate.forLoopback(keys);
    configure(c -> c.withTls(certificate.cert(), certificate.key()));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(certificate.keyStore());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    String uri = "ssl://127.0.0.1:" + server().mqttAddress().orElseThrow().getPort();
    Inbox inbox = new Inbox();
    MqttClient bob = client(uri, "bob-tls", inbox);
    MqttClient alice = client(uri, "alice-tls", new Inbox());
    for (var c : List.of(bob, alice)) {
      MqttConnectionOptions o = options(c == bob ? "bob" : "alice", null, true, 0);
      o.setSocketFactory(tls.getSocketFactory());
      c.connect(o);
    }
    bob.subscribe("rooms/tls", 1);

    alice.publish("rooms/tls", "secret".getBytes(StandardCharsets.UTF_8), 1, false);

    await().atMost(Duration.ofSeconds(10)).until(() -> inbox.lines.size() == 1);
    assertThat(inbox.lines.get(0)).startsWith("rooms/tls secret alice ");
  }
}
