package dev.parley.server.transport.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import java.util.List;

/**
 * The packets the gateway sends, built for the client's protocol level: MQTT 5 gets reason
 * codes and properties, 3.1.1 the fields it has.
 */
final class MqttPackets {
  static final int V5 = 5;

  private MqttPackets() {}

  static MqttMessage connAck(int version, MqttConnectReturnCode code, boolean sessionPresent, MqttProperties props) {
    return MqttMessageBuilders.connAck()
        .returnCode(code)
        .sessionPresent(sessionPresent)
        .properties(version == V5 ? props : MqttProperties.NO_PROPERTIES)
        .build();
  }

  /** What an MQTT 5 client learns from CONNACK: what this server does not do. */
  static MqttProperties connAckProperties(String assignedClientId, String reason) {
    MqttProperties p = new MqttProperties();
    p.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
    p.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value(), 0));
    p.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
    p.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE.value(), 0));
    if (assignedClientId != null) {
      p.add(new MqttProperties.StringProperty(
          MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), assignedClientId));
    }
    if (reason != null) {
      p.add(reason(reason));
    }
    return p;
  }

  static MqttProperties.StringProperty reason(String text) {
    return new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), text);
  }

  static MqttSubAckMessage subAck(int version, int packetId, List<Integer> codes) {
    return new MqttSubAckMessage(
        new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
        new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
        new MqttSubAckPayload(codes));
  }

  static MqttMessage unsubAck(int version, int packetId, List<Short> codes) {
    var b = MqttMessageBuilders.unsubAck().packetId(packetId);
    if (version == V5) {
      codes.forEach(b::addReasonCode);
    }
    return b.build();
  }

  /** PUBACK, PUBREC or PUBCOMP; the reason code only for MQTT 5. */
  static MqttMessage pubReply(MqttMessageType type, int version, int packetId, byte reasonCode, String reason) {
    MqttProperties props = MqttProperties.NO_PROPERTIES;
    if (version == V5 && reason != null) {
      props = new MqttProperties();
      props.add(reason(reason));
    }
    byte code = version == V5 ? reasonCode : 0;
    return new MqttMessage(
        new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0),
        new MqttPubReplyMessageVariableHeader(packetId, code, props));
  }

  static MqttMessage publish(String topic, MqttQoS qos, int packetId, ByteBuf payload, MqttProperties props) {
    return MqttMessageBuilders.publish()
        .topicName(topic)
        .qos(qos)
        .retained(false)
        .messageId(packetId)
        .payload(payload)
        .properties(props)
        .build();
  }

  /** MQTT 5's DISCONNECT from the server; 3.1.1 has none (the server just closes). */
  static MqttMessage disconnect(byte reasonCode, String reason) {
    MqttProperties props = new MqttProperties();
    if (reason != null) {
      props.add(reason(reason));
    }
    return MqttMessageBuilders.disconnect().reasonCode(reasonCode).properties(props).build();
  }
}
