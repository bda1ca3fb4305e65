package dev.parley.server.transport.mqtt;

import dev.parley.protocol.ClientFrame;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SUBSCRIBE and UNSUBSCRIBE: each topic of a SUBSCRIBE is a {@code join} (refused at once when
 * it is a wildcard, a shared subscription or not a room), and the SUBACK goes out once every
 * join is answered; a resumed session's rooms are joined again from their last delivered ids.
 * On the connection's event loop.
 */
final class MqttSubscriptions {
  /** One topic of a SUBSCRIBE whose join is under way. */
  record Subscribing(SubAck ack, int index, String filter, String room, int qos) {}

  /** The SUBACK being put together for one SUBSCRIBE. */
  static final class SubAck {
    final int packetId;
    final Integer[] codes;
    int open;

    SubAck(int packetId, int topics) {
      this.packetId = packetId;
      this.codes = new Integer[topics];
    }
  }

  private final MqttGateway g;
  /** Joins under way for a SUBSCRIBE, by ref. */
  final Map<String, Subscribing> subscribing = new HashMap<>();

  MqttSubscriptions(MqttGateway gateway) {
    this.g = gateway;
  }

  void subscribe(MqttSubscribeMessage s) {
    int packetId = s.idAndPropertiesVariableHeader().messageId();
    List<MqttTopicSubscription> topics = s.payload().topicSubscriptions();
    SubAck ack = new SubAck(packetId, topics.size());
    boolean v5 = g.version == MqttPackets.V5;
    for (int i = 0; i < topics.size(); i++) {
      String filter = topics.get(i).topicName();
      String room = MqttTopics.roomOfFilter(filter);
      if (MqttTopics.isShared(filter)) {
        ack.codes[i] = v5 ? MqttReasons.SHARED_NOT_SUPPORTED : MqttReasons.SUBACK_FAILURE;
      } else if (MqttTopics.hasWildcard(filter)) {
        ack.codes[i] = v5 ? MqttReasons.WILDCARDS_NOT_SUPPORTED : MqttReasons.SUBACK_FAILURE;
      } else if (room == null) {
        ack.codes[i] = v5 ? MqttReasons.TOPIC_FILTER_INVALID : MqttReasons.SUBACK_FAILURE;
      } else {
        int qos = Math.min(1, topics.get(i).qualityOfService().value());
        String ref = MqttGateway.SUBSCRIBE_REF + packetId + "." + i;
        subscribing.put(ref, new Subscribing(ack, i, filter, room, qos));
        ack.open++;
        g.joined.add(room);
        g.toSession(new ClientFrame.Join(room, MqttGateway.NO_REPLAY, ref));
      }
    }
    if (ack.open == 0) {
      sendSubAck(ack);
    }
  }

  void sendSubAck(SubAck ack) {
    g.afterSaved(() -> g.ctx.writeAndFlush(MqttPackets.subAck(g.version, ack.packetId, List.of(ack.codes))));
  }

  void unsubscribe(MqttUnsubscribeMessage u) {
    int packetId = u.idAndPropertiesVariableHeader().messageId();
    List<Short> codes = new ArrayList<>();
    for (String filter : u.payload().topics()) {
      boolean was = g.state.unsubscribe(filter);
      codes.add(was ? (short) 0 : MqttReasons.NO_SUBSCRIPTION_EXISTED);
      String room = MqttTopics.roomOfFilter(filter);
      if (was && room != null && !g.state.hasRoom(room)) {
        g.state.forget(room);
        g.joined.remove(room);
        g.toSession(new ClientFrame.Leave(room, null));
      }
    }
    g.afterSaved(() -> g.ctx.writeAndFlush(MqttPackets.unsubAck(g.version, packetId, codes)));
  }

  /** Rejoins the rooms of a resumed session, each from the last message it was given. */
  void resume() {
    Set<String> rooms = new LinkedHashSet<>();
    g.state.subscriptions().keySet().forEach(f -> rooms.add(MqttTopics.roomOfFilter(f)));
    for (String room : rooms) {
      Long last = g.state.last(room);
      g.joined.add(room);
      g.toSession(new ClientFrame.Join(room, last == null ? MqttGateway.NO_REPLAY : last, MqttGateway.JOIN_REF + room));
    }
  }
}
