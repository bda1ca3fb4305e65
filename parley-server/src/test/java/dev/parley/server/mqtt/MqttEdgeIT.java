package dev.parley.server.mqtt;

import static io.netty.handler.codec.mqtt.MqttMessageType.CONNACK;
import static io.netty.handler.codec.mqtt.MqttMessageType.DISCONNECT;
import static io.netty.handler.codec.mqtt.MqttMessageType.PUBACK;
import static io.netty.handler.codec.mqtt.MqttMessageType.PUBCOMP;
import static io.netty.handler.codec.mqtt.MqttMessageType.PUBREC;
import static io.netty.handler.codec.mqtt.MqttMessageType.SUBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.ServerConfig;
import dev.parley.server.ServerFixture;
import dev.parley.testkit.WireClient;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The protocol's rules at the MQTT edge, with packets no polite client sends: resends with DUP
 * stored once, QoS 2's handshake, wildcards, retained messages and foreign topics refused with
 * the spec's codes, bad and oversize packets, floods, silence past the keep-alive, a reader that
 * never reads, and too many connections from one address; none of it harms other connections.
 */
class MqttEdgeIT extends ServerFixture {

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

  private RawMqtt connected(MqttVersion version, String clientId, String user) throws Exception {
    RawMqtt raw = closeAfter(new RawMqtt(mqtt()));
    raw.send(RawMqtt.connect(version, clientId, user, null, true, 60));
    var ack = (MqttConnAckVariableHeader) raw.expect(CONNACK).message().variableHeader();
    assertThat(ack.connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
    return raw;
  }

  private static int packetId(RawMqtt.Packet p) {
    return ((MqttMessageIdVariableHeader) p.message().variableHeader()).messageId();
  }

  private static int reasonOf(RawMqtt.Packet p) {
    return ((MqttPubReplyMessageVariableHeader) p.message().variableHeader()).reasonCode() & 0xFF;
  }

  /** The texts stored in {@code room}, read as a client of the room's history. */
  private List<String> stored(String room) {
    WireClient reader = guest("reader");
    reader.sendFrame("type", "history", "room", room, "limit", 200);
    JsonNode page = reader.expect("history");
    List<String> texts = new ArrayList<>();
    page.path("messages").forEach(m -> texts.add(m.path("text").asText()));
    reader.close();
    return texts;
  }

  @Test
  void aQos1ResentWithDupIsStoredOnceAndAReusedPacketIdStoresANewMessage() throws Exception {
    RawMqtt raw = connected(MqttVersion.MQTT_3_1_1, "c1", "bob");

    raw.send(RawMqtt.publish("rooms/1001", "once", 1, 5, false));
    raw.send(RawMqtt.publish("rooms/1001", "once", 1, 5, true));
    assertThat(packetId(raw.expect(PUBACK))).isEqualTo(5);
    assertThat(packetId(raw.expect(PUBACK))).isEqualTo(5);
    raw.send(RawMqtt.publish("rooms/1001", "once", 1, 5, false)); // a new message, same id and text
    raw.expect(PUBACK);

    assertThat(stored("1001")).containsExactly("once", "once");
  }

  @Test
  void qos2CompletesOnceWhateverIsRepeatedBeforePubrel() throws Exception {
    RawMqtt raw = connected(MqttVersion.MQTT_3_1_1, "c2", "bob");

    raw.send(RawMqtt.publish("rooms/1001", "exactly once", 2, 9, false));
    raw.expect(PUBREC);
    raw.send(RawMqtt.publish("rooms/1001", "exactly once", 2, 9, true));
    raw.expect(PUBREC);
    raw.send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
        MqttMessageIdVariableHeader.from(9)));
    assertThat(packetId(raw.expect(PUBCOMP))).isEqualTo(9);

    assertThat(stored("1001")).containsExactly("exactly once");
  }

  @Test
  void wildcardsAndForeignTopicsAreRefusedInSuback() throws Exception {
    RawMqtt v3 = connected(MqttVersion.MQTT_3_1_1, "c3", "bob");
    RawMqtt v5 = connected(MqttVersion.MQTT_5, "c5", "carol");
    var subscribe = MqttMessageBuilders.subscribe().messageId(3)
        .addSubscription(MqttQoS.AT_LEAST_ONCE, "rooms/+")
        .addSubscription(MqttQoS.AT_LEAST_ONCE, "#")
        .addSubscription(MqttQoS.AT_LEAST_ONCE, "sensors/temp")
        .addSubscription(MqttQoS.EXACTLY_ONCE, "rooms/1001");

    v3.send(subscribe.build());
    v5.send(subscribe.build());

    assertThat(((MqttSubAckPayload) v3.expect(SUBACK).message().payload()).reasonCodes())
        .containsExactly(0x80, 0x80, 0x80, 1);
    assertThat(((MqttSubAckPayload) v5.expect(SUBACK).message().payload()).reasonCodes())
        .containsExactly(0xA2, 0xA2, 0x8F, 1);
  }

  @Test
  void aRetainedPublishIsRefusedOverMqtt5AndTakenAsPlainOver311() throws Exception {
    RawMqtt v5 = connected(MqttVersion.MQTT_5, "c5", "carol");
    RawMqtt v3 = connected(MqttVersion.MQTT_3_1_1, "c3", "bob");

    v5.send(RawMqtt.publish("rooms/1001", "keep me", 1, 1, false, true));
    v3.send(RawMqtt.publish("rooms/1001", "plain", 1, 1, false, true));

    var disconnect = v5.expect(DISCONNECT);
    assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.message().variableHeader()).reasonCode())
        .isEqualTo((byte) 0x9A);
    assertThat(v5.closedWithin(Duration.ofSeconds(5))).isTrue();
    v3.expect(PUBACK);
    assertThat(stored("1001")).containsExactly("plain");
  }

  @Test
  void aPublishOutsideRoomsIsRefusedWithTopicNameInvalidOverMqtt5AndClosedOver311() throws Exception {
    RawMqtt v5 = connected(MqttVersion.MQTT_5, "c5", "carol");
    RawMqtt v3 = connected(MqttVersion.MQTT_3_1_1, "c3", "bob");

    v5.send(RawMqtt.publish("sensors/temp", "21", 1, 4, false));
    v3.send(RawMqtt.publish("sensors/temp", "21", 1, 4, false));

    assertThat(reasonOf(v5.expect(PUBACK))).isEqualTo(0x90);
    assertThat(v3.closedWithin(Duration.ofSeconds(5))).isTrue();
    v5.send(RawMqtt.publish("rooms/1001", "still here", 1, 5, false));
    assertThat(reasonOf(v5.expect(PUBACK))).isZero();
  }

  @Test
  void aWrongPasswordGetsBadUserNameOrPasswordInMqtt5() throws Exception {
    register("alice").close();
    RawMqtt raw = closeAfter(new RawMqtt(mqtt()));

    raw.send(RawMqtt.connect(MqttVersion.MQTT_5, "c5", "alice", "wrong password", true, 60));

    var ack = (MqttConnAckVariableHeader) raw.expect(CONNACK).message().variableHeader();
    assertThat(ack.connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD);
    assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void anOversizePacketClosesItsConnectionOnlyWithPacketTooLarge() throws Exception {
    configure(c -> c.withMaxFrameBytes(1024));
    RawMqtt big = connected(MqttVersion.MQTT_5, "big", "carol");
    RawMqtt other = connected(MqttVersion.MQTT_3_1_1, "other", "bob");

    big.send(RawMqtt.publish("rooms/1001", "x".repeat(4000), 1, 1, false));

    var disconnect = big.expect(DISCONNECT);
    assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.message().variableHeader()).reasonCode())
        .isEqualTo((byte) 0x95);
    assertThat(big.closedWithin(Duration.ofSeconds(5))).isTrue();
    other.send(RawMqtt.publish("rooms/1001", "fine", 1, 2, false));
    other.expect(PUBACK);
  }

  @Test
  void garbageBytesCloseTheConnectionAndHarmNoOther() throws Exception {
    RawMqtt other = connected(MqttVersion.MQTT_3_1_1, "other", "bob");
    RawMqtt junk = closeAfter(new RawMqtt(mqtt()));
    RawMqtt junkAfterConnect = connected(MqttVersion.MQTT_3_1_1, "junk", "carol");

    junk.sendBytes("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    junkAfterConnect.sendBytes(new byte[] {(byte) 0xF0, 0x05, 1, 2, 3, 4, 5});

    assertThat(junk.closedWithin(Duration.ofSeconds(5))).isTrue();
    assertThat(junkAfterConnect.closedWithin(Duration.ofSeconds(5))).isTrue();
    other.send(RawMqtt.publish("rooms/1001", "unharmed", 1, 2, false));
    other.expect(PUBACK);
  }

  @Test
  void aFloodIsRefusedWithQuotaExceededPerPublishAndOnlyWhatWasAcknowledgedIsStored() throws Exception {
    configure(c -> c.withRatePerSecond(2));
    RawMqtt raw = connected(MqttVersion.MQTT_5, "flood", "carol");

    for (int i = 1; i <= 12; i++) {
      raw.send(RawMqtt.publish("rooms/1001", "m" + i, 1, i, false));
    }
    List<String> accepted = new ArrayList<>();
    int refused = 0;
    for (int i = 1; i <= 12; i++) {
      RawMqtt.Packet ack = raw.expect(PUBACK);
      assertThat(packetId(ack)).as("PUBACKs in the order of the PUBLISHes").isEqualTo(i);
      if (reasonOf(ack) == 0) {
        accepted.add("m" + packetId(ack));
      } else {
        assertThat(reasonOf(ack)).isEqualTo(0x97);
        refused++;
      }
    }

    assertThat(refused).isPositive();
    assertThat(stored("1001")).containsExactlyElementsOf(accepted);
  }

  @Test
  void silencePastOneAndAHalfKeepAlivesClosesTheConnection() throws Exception {
    RawMqtt raw = closeAfter(new RawMqtt(mqtt()));
    raw.send(RawMqtt.connect(MqttVersion.MQTT_3_1_1, "quiet", "bob", null, true, 1));
    raw.expect(CONNACK);

    assertThat(raw.closedWithin(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void aSubscriberThatNeverReadsIsClosedAsASlowConsumer() throws Exception {
    configure(c -> c.withMaxPendingBytes(64 * 1024).withRatePerSecond(UNLIMITED));
    RawMqtt slow = connected(MqttVersion.MQTT_3_1_1, "slow", "snail");
    slow.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_MOST_ONCE, "rooms/1001").build());
    slow.expect(SUBACK);
    WireClient alice = register("alice");
    join(alice, "1001");
    String text = "y".repeat(4000);

    await().atMost(Duration.ofSeconds(30)).until(() -> {
      for (int i = 0; i < 50; i++) {
        alice.sendFrame("type", "send", "room", "1001", "text", text);
      }
      alice.sendFrame("type", "who", "room", "1001");
      JsonNode frame;
      do {
        frame = alice.next();
      } while (!frame.path("type").asText().equals("who"));
      return !frame.path("members").toString().contains("snail");
    });
  }

  @Test
  void aSecondConnectionWithTheSameClientIdTakesThePersistentSessionOver() throws Exception {
    register("alice").close();
    RawMqtt first = closeAfter(new RawMqtt(mqtt()));
    first.send(RawMqtt.connect("alice-phone", "alice", PASSWORD, false));
    first.expect(CONNACK);
    RawMqtt second = closeAfter(new RawMqtt(mqtt()));

    second.send(RawMqtt.connect("alice-phone", "alice", PASSWORD, false));

    second.expect(CONNACK);
    assertThat(first.closedWithin(Duration.ofSeconds(5))).isTrue();
    second.send(RawMqtt.publish("rooms/1001", "from the new one", 1, 1, false));
    second.expect(PUBACK);
  }

  @Test
  void connectionsOverTheAddressLimitAreClosed() throws Exception {
    configure(c -> c.withMaxConnectionsPerAddress(2));
    connected(MqttVersion.MQTT_3_1_1, "one", "bob");
    connected(MqttVersion.MQTT_3_1_1, "two", "carol");
    RawMqtt third = closeAfter(new RawMqtt(mqtt()));

    third.send(RawMqtt.connect("three", "dave", null, true));

    assertThat(third.closedWithin(Duration.ofSeconds(5))).isTrue();
  }
}
