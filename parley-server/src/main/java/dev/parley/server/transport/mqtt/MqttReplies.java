package dev.parley.server.transport.mqtt;

import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.util.List;

/**
 * The session's server frames in MQTT's terms: {@code welcome} is CONNACK, {@code ack} is
 * PUBACK (QoS 1) or PUBREC (QoS 2), {@code joined} completes a SUBACK, {@code msg} is a PUBLISH
 * per subscription, {@code pong} is PINGRESP, {@code error} a refusal in the packet that
 * answers the frame it refers to, {@code bye} MQTT 5's DISCONNECT. What MQTT has no place for
 * (presence, the server's pings, who, rooms) is dropped. On the gateway's event loop.
 */
final class MqttReplies {
  private final MqttGateway g;

  MqttReplies(MqttGateway gateway) {
    this.g = gateway;
  }

  List<MqttMessage> of(ServerFrame frame, EncodedFrame encoded) {
    if (frame instanceof ServerFrame.Msg m) {
      return g.ready ? g.deliveries.publish(m, encoded) : List.of();
    }
    if (frame instanceof ServerFrame.Ack a) {
      acked(a);
    } else if (frame instanceof ServerFrame.Welcome w) {
      g.loggedIn(w.user(), w.token() != null);
    } else if (frame instanceof ServerFrame.Joined j) {
      joined(j);
    } else if (frame instanceof ServerFrame.Pong) {
      return List.of(MqttMessage.PINGRESP);
    } else if (frame instanceof ServerFrame.Error e) {
      refused(e);
    } else if (frame instanceof ServerFrame.Bye b && g.version == MqttPackets.V5) {
      return List.of(MqttPackets.disconnect(MqttReasons.disconnect(b.reason()), b.reason().wireName()));
    }
    return List.of();
  }

  /** The PUBLISH is stored: PUBACK or PUBREC, once the session's state is saved. */
  private void acked(ServerFrame.Ack a) {
    MqttPublishes.Publishing p = g.publishes.answered(a.ref());
    if (p == null) {
      return;
    }
    var received = new MqttSessionState.Received(p.ref, p.payloadHash);
    MqttMessageType type;
    if (p.qos == 1) {
      g.state.complete(p.packetId, received);
      type = MqttMessageType.PUBACK;
    } else {
      g.state.awaitRelease(p.packetId, received);
      type = MqttMessageType.PUBREC;
    }
    g.afterSaved(() -> g.publishes.reply(p, MqttPackets.pubReply(type, g.version, p.packetId, MqttReasons.SUCCESS, null)));
  }

  private void joined(ServerFrame.Joined j) {
    MqttSubscriptions.Subscribing s = j.ref() == null ? null : g.subscriptions.subscribing.remove(j.ref());
    if (s == null) {
      return;
    }
    g.state.subscribe(s.filter(), s.qos());
    g.state.startAt(s.room(), j.last());
    s.ack().codes[s.index()] = s.qos();
    subscribed(s.ack());
  }

  private void subscribed(MqttSubscriptions.SubAck ack) {
    if (--ack.open == 0) {
      g.subscriptions.sendSubAck(ack);
    }
  }

  private void refused(ServerFrame.Error e) {
    String ref = e.ref();
    if (MqttGateway.CONNECT_REF.equals(ref)) {
      if (g.tryingToken && e.code() == ErrorCode.AUTH_FAILED) {
        g.retryAsPassword();
      } else {
        g.refuse(MqttReasons.connect(g.version, e.code()), e.message());
      }
      return;
    }
    if (ref == null) {
      if (e.code() == ErrorCode.TOO_LARGE) {
        g.disconnect(MqttReasons.PACKET_TOO_LARGE, "packet larger than the limit");
      } else if (e.code() == ErrorCode.RATE_LIMITED && g.version != 0 && !g.ready) {
        g.refuse(MqttReasons.connect(g.version, e.code()), e.message());
      }
      return;
    }
    if (ref.startsWith(MqttGateway.JOIN_REF)) {
      g.joined.remove(ref.substring(MqttGateway.JOIN_REF.length()));
      return;
    }
    MqttSubscriptions.Subscribing s = g.subscriptions.subscribing.remove(ref);
    if (s != null) {
      s.ack().codes[s.index()] =
          g.version == MqttPackets.V5 ? MqttReasons.subscribe(e.code()) : MqttReasons.SUBACK_FAILURE;
      subscribed(s.ack());
      return;
    }
    MqttPublishes.Publishing p = g.publishes.answered(ref);
    if (p == null) {
      return;
    }
    if (g.version == MqttPackets.V5) {
      MqttMessageType type = p.qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
      g.publishes.reply(p, MqttPackets.pubReply(type, g.version, p.packetId, MqttReasons.publish(e.code()), e.message()));
    } else {
      // MQTT 3.1.1 has no negative acknowledgement: a PUBLISH that cannot be taken closes the
      // connection [MQTT-3.3.5-2].
      g.ctx.channel().close();
    }
  }
}
