package dev.parley.server.transport.mqtt;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.Decoded;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageText;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The client's PUBLISHes: each becomes a {@code send} (with a ref from {@link PublishRefs} for
 * QoS 1 and 2), its answer a PUBACK or PUBREC sent in the order the PUBLISHes came, and PUBREL
 * completes QoS 2. On the connection's event loop, like the gateway it belongs to.
 */
final class MqttPublishes {
  /** A PUBLISH (QoS 1 or 2) sent on as {@code send}, and its answer once there is one. */
  static final class Publishing {
    final int packetId;
    final int qos;
    final String ref;
    final String payloadHash;
    MqttMessage reply;

    Publishing(int packetId, int qos, String ref, String payloadHash) {
      this.packetId = packetId;
      this.qos = qos;
      this.ref = ref;
      this.payloadHash = payloadHash;
    }
  }

  private final MqttGateway g;
  /** PUBLISHes (QoS 1 and 2) sent on as {@code send}, by ref; a resend may share one. */
  private final Map<String, ArrayDeque<Publishing>> publishing = new HashMap<>();
  /** The same, in the order they arrived: their PUBACKs and PUBRECs go out in that order. */
  private final ArrayDeque<Publishing> replyOrder = new ArrayDeque<>();

  MqttPublishes(MqttGateway gateway) {
    this.g = gateway;
  }

  void publish(MqttPublishMessage p) {
    String topic = p.variableHeader().topicName();
    int qos = p.fixedHeader().qosLevel().value();
    int packetId = p.variableHeader().packetId();
    byte[] payload = ByteBufUtil.getBytes(p.payload());
    if (p.fixedHeader().isRetain() && g.version == MqttPackets.V5) {
      g.disconnect(MqttReasons.RETAIN_NOT_SUPPORTED, "retained messages are not supported");
      return;
    }
    String room = MqttTopics.roomOfTopic(topic);
    String ref = qos == 0 ? null : refOf(packetId, qos, p.fixedHeader().isDup(), room, payload);
    if (ref != null) {
      Publishing pending = new Publishing(packetId, qos, ref, PublishRefs.payloadHash(payload));
      publishing.computeIfAbsent(ref, r -> new ArrayDeque<>()).add(pending);
      replyOrder.add(pending);
    }
    if (room == null) {
      g.toSession(new Decoded.Rejected(ErrorCode.INVALID_NAME, "publish to rooms/ROOM, not " + topic, ref));
      return;
    }
    String text = utf8(payload);
    String problem = text == null ? "the payload must be UTF-8 text" : MessageText.problem(text);
    if (problem != null) {
      g.toSession(new Decoded.Rejected(ErrorCode.BAD_REQUEST, problem, ref));
      return;
    }
    if (g.joined.add(room)) {
      g.toSession(new ClientFrame.Join(room, MqttGateway.NO_REPLAY, MqttGateway.JOIN_REF + room));
    }
    g.toSession(new ClientFrame.Send(room, text, ref));
  }

  /** See {@link PublishRefs}. */
  private String refOf(int packetId, int qos, boolean dup, String room, byte[] payload) {
    String hash = PublishRefs.payloadHash(payload);
    MqttSessionState.Received awaiting = qos == 2 ? g.state.awaitingRelease(packetId) : null;
    if (awaiting != null && awaiting.payloadHash().equals(hash)) {
      return awaiting.ref();
    }
    MqttSessionState.Received done = g.state.completed(packetId);
    if (dup && done != null && done.payloadHash().equals(hash)) {
      return done.ref();
    }
    return PublishRefs.ref(g.sessionKey, packetId, done == null ? null : done.ref(), String.valueOf(room), payload);
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** A PUBREL: the QoS 2 PUBLISH is complete, so its packet id may carry a new one. */
  void released(int packetId) {
    MqttSessionState.Received r = g.state.awaitingRelease(packetId);
    if (r != null) {
      g.state.complete(packetId, r);
    }
    g.afterSaved(() -> g.ctx.writeAndFlush(
        MqttPackets.pubReply(MqttMessageType.PUBCOMP, g.version, packetId, MqttReasons.SUCCESS, null)));
  }

  /** The oldest PUBLISH still waiting for the session's answer to {@code ref}, taken. */
  Publishing answered(String ref) {
    ArrayDeque<Publishing> waiting = ref == null ? null : publishing.get(ref);
    if (waiting == null) {
      return null;
    }
    Publishing p = waiting.poll();
    if (waiting.isEmpty()) {
      publishing.remove(ref);
    }
    return p;
  }

  /** Gives {@code p} its answer and sends every answer now due, in the PUBLISHes' order. */
  void reply(Publishing p, MqttMessage reply) {
    p.reply = reply;
    boolean sent = false;
    while (!replyOrder.isEmpty() && replyOrder.peek().reply != null) {
      g.ctx.write(replyOrder.poll().reply);
      sent = true;
    }
    if (sent) {
      g.ctx.flush();
    }
  }
}
