package dev.parley.server.transport.mqtt;

import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ServerFrame;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The room's messages to the client: a PUBLISH per subscription of the room (QoS 0 or 1), and
 * the client's PUBACKs moving the session's position in the room. On the connection's event
 * loop.
 */
final class MqttDeliveries {
  /** A QoS 1 PUBLISH to the client awaiting its PUBACK. */
  record Delivery(String room, long id) {}

  private final MqttGateway g;
  /** QoS 1 PUBLISHes to the client awaiting their PUBACK, by packet id. */
  private final Map<Integer, Delivery> inflight = new HashMap<>();
  private int nextPacketId = 1;

  MqttDeliveries(MqttGateway gateway) {
    this.g = gateway;
  }

  /** A message for the client, as a PUBLISH per subscription of its room. */
  List<MqttMessage> publish(ServerFrame.Msg m, EncodedFrame encoded) {
    List<String> filters = g.state.topicFiltersOf(m.room());
    List<MqttMessage> out = new ArrayList<>(filters.size());
    for (String filter : filters) {
      int qos = Math.min(1, g.state.subscriptions().getOrDefault(filter, 0));
      int packetId = qos == 1 ? nextPacketId() : 0;
      if (packetId != 0) {
        inflight.put(packetId, new Delivery(m.room(), m.id()));
      } else {
        // QoS 0, or a client with every packet id unacknowledged: it gets this one at QoS 0.
        qos = 0;
        g.state.delivered(m.room(), m.id());
      }
      var payload = MqttTopics.isJson(filter)
          ? Unpooled.wrappedBuffer(encoded.line(), 0, encoded.jsonLength())
          : Unpooled.wrappedBuffer(m.text().getBytes(StandardCharsets.UTF_8));
      out.add(MqttPackets.publish(
          filter, MqttQoS.valueOf(qos), packetId, payload, g.version == MqttPackets.V5 ? properties(m) : MqttProperties.NO_PROPERTIES));
    }
    if (out.stream().anyMatch(p -> ((MqttPublishMessage) p).fixedHeader().qosLevel() == MqttQoS.AT_MOST_ONCE)) {
      // a QoS 0 message counts as delivered once sent
      g.saveLater();
    }
    return out;
  }

  /**
   * MQTT 5 user properties: who sent it, its id in the room, and when; for an edit or delete,
   * the id of the message it changes (the payload is the new text, empty for a delete).
   */
  private static MqttProperties properties(ServerFrame.Msg m) {
    MqttProperties p = new MqttProperties();
    p.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), 1));
    var user = new MqttProperties.UserProperties();
    user.add("from", m.from());
    user.add("id", Long.toString(m.id()));
    user.add("ts", Long.toString(m.ts()));
    if (m.edit() != 0) {
      user.add("edit", Long.toString(m.edit()));
    }
    if (m.delete() != 0) {
      user.add("delete", Long.toString(m.delete()));
    }
    p.add(user);
    return p;
  }

  /** The next free packet id for a QoS 1 message to the client. */
  int nextPacketId() {
    for (int tries = 0; tries < 65535; tries++) {
      int id = nextPacketId;
      nextPacketId = nextPacketId == 65535 ? 1 : nextPacketId + 1;
      if (!inflight.containsKey(id)) {
        return id;
      }
    }
    return 0;
  }

  /** The client's PUBACK of a QoS 1 message: its room's position moves on. */
  void delivered(int packetId) {
    Delivery d = inflight.remove(packetId);
    if (d != null) {
      g.state.delivered(d.room(), d.id());
      g.saveLater();
    }
  }
}
