package dev.parley.server.transport.mqtt;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.Decoded;
import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageText;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerDecoded;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.ServerFrameDecoder;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT side of a connection: MQTT packets in, the protocol's client frames out to the
 * session (CONNECT → {@code hello}, SUBSCRIBE → {@code join}, PUBLISH → {@code send} with a
 * ref from {@link PublishRefs}, PINGREQ → {@code ping}, DISCONNECT → {@code bye}); the session's
 * server frames in, MQTT packets out (see {@link MqttReplies}). Every field is only touched on
 * the channel's event loop; one instance per connection.
 */
final class MqttGateway extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(MqttGateway.class);
  private static final ServerFrameDecoder FRAMES = new ServerFrameDecoder();
  /** Packets that may arrive between CONNECT and CONNACK before the connection is closed. */
  private static final int MAX_WAITING = 1000;
  static final String CONNECT_REF = "mqtt-connect";
  static final String SUBSCRIBE_REF = "mqtt-sub-";
  static final String JOIN_REF = "mqtt-join:";
  /** A join's {@code since} that replays nothing: MQTT subscribers get what comes next. */
  static final long NO_REPLAY = Long.MAX_VALUE;

  private final MqttSessions sessions;
  private final MqttReplies replies = new MqttReplies(this);
  ChannelHandlerContext ctx;
  /** 0 until CONNECT; then 3 (3.1), 4 (3.1.1) or 5. */
  int version;
  String clientId;
  boolean assignedClientId;
  /** Whether the session outlives the connection (clean session off, or an MQTT 5 expiry). */
  boolean persistent;
  boolean cleanStart;
  String username;
  String password;
  /** Whether the password is being tried as a token first; then as a password. */
  boolean tryingToken;
  /** Whether CONNACK has been sent: packets before it wait. */
  boolean ready;
  private final ArrayDeque<MqttMessage> waiting = new ArrayDeque<>();
  MqttSessionState state = new MqttSessionState();
  /** The session's name in refs and, when stored, in {@link MqttSessions}. */
  String sessionKey = "conn:" + UUID.randomUUID();
  /** Whether {@link #state} is kept by {@link MqttSessions} under {@link #sessionKey}. */
  boolean stored;
  /** Rooms this connection has joined (subscribed, or published to). */
  final Set<String> joined = new HashSet<>();
  final Map<String, Subscribing> subscribing = new HashMap<>();
  /** PUBLISHes (QoS 1 and 2) sent on as {@code send}, by ref; a resend may share one. */
  final Map<String, ArrayDeque<Publishing>> publishing = new HashMap<>();
  /** The same, in the order they arrived: their PUBACKs and PUBRECs go out in that order. */
  private final ArrayDeque<Publishing> replyOrder = new ArrayDeque<>();
  final Map<Integer, Delivery> inflight = new HashMap<>();
  private int nextPacketId = 1;

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

  /** A QoS 1 PUBLISH to the client awaiting its PUBACK. */
  record Delivery(String room, long id) {}

  MqttGateway(MqttSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof MqttMessage m)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (m.decoderResult().isFailure()) {
      ReferenceCountUtil.release(m);
      badPacket(m.decoderResult().cause());
      return;
    }
    MqttMessageType type = m.fixedHeader().messageType();
    if (type == MqttMessageType.CONNECT) {
      connect((MqttConnectMessage) m);
      return;
    }
    if (version == 0) {
      ReferenceCountUtil.release(m);
      ctx.close(); // the first packet must be CONNECT [MQTT-3.1.0-1]
      return;
    }
    if (!ready) {
      if (waiting.size() >= MAX_WAITING) {
        ReferenceCountUtil.release(m);
        ctx.close();
      } else {
        waiting.add(m);
      }
      return;
    }
    handle(m);
  }

  private void handle(MqttMessage m) {
    try {
      switch (m.fixedHeader().messageType()) {
        case PUBLISH -> publish((MqttPublishMessage) m);
        case PUBACK -> delivered(packetIdOf(m));
        case PUBREL -> released(packetIdOf(m));
        case SUBSCRIBE -> subscribe((MqttSubscribeMessage) m);
        case UNSUBSCRIBE -> unsubscribe((MqttUnsubscribeMessage) m);
        case PINGREQ -> toSession(new ClientFrame.Ping(null));
        case DISCONNECT -> toSession(new ClientFrame.Bye(null));
        case PUBREC, PUBCOMP -> { } // never asked for: the gateway publishes at QoS 0 and 1 only
        default -> protocolError("unexpected " + m.fixedHeader().messageType());
      }
    } finally {
      ReferenceCountUtil.release(m);
    }
  }

  private static int packetIdOf(MqttMessage m) {
    return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
  }

  /** The codec could not read a packet: MQTT closes the connection, saying why where it can. */
  private void badPacket(Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      ctx.fireExceptionCaught(cause); // the session's too_large, answered as DISCONNECT 0x95
      return;
    }
    log.debug("bad MQTT packet from {}: {}", ctx.channel().remoteAddress(), cause.toString());
    if (cause instanceof MqttUnacceptableProtocolVersionException) {
      refuse(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, null);
    } else if (cause instanceof MqttIdentifierRejectedException && version == 0) {
      refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, null);
    } else if (version == MqttPackets.V5) {
      disconnect(MqttReasons.MALFORMED_PACKET, "malformed packet");
    } else {
      ctx.close();
    }
  }

  private void connect(MqttConnectMessage c) {
    if (version != 0) {
      protocolError("a second CONNECT");
      return;
    }
    var header = c.variableHeader();
    var payload = c.payload();
    version = header.version();
    int keepAlive = header.keepAliveTimeSeconds();
    if (keepAlive > 0) {
      // The session closes after three silent heartbeats: 1.5 times the keep-alive.
      long heartbeatMillis = Math.max(500, keepAlive * 1000L / 2);
      ctx.pipeline().replace("idle", "idle",
          new IdleStateHandler(heartbeatMillis, 0, 0, TimeUnit.MILLISECONDS));
    }
    cleanStart = header.isCleanSession();
    persistent = version == MqttPackets.V5 ? sessionExpiry(header.properties()) > 0 : !cleanStart;
    clientId = payload.clientIdentifier();
    if (clientId == null || clientId.isEmpty()) {
      if (version != MqttPackets.V5 && !cleanStart) {
        refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, null);
        return;
      }
      clientId = "parley-" + UUID.randomUUID();
      assignedClientId = true;
    }
    username = payload.userName();
    byte[] secret = payload.passwordInBytes();
    password = secret == null ? null : new String(secret, StandardCharsets.UTF_8);
    if (username == null || username.isEmpty()) {
      refuse(version == MqttPackets.V5
              ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
              : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
          "a user name is needed: a Parley user, or a guest name");
      return;
    }
    tryingToken = password != null && looksLikeToken(password);
    toSession(tryingToken
        ? new ClientFrame.Hello(username, null, password, CONNECT_REF)
        : new ClientFrame.Hello(username, password, null, CONNECT_REF));
  }

  /** Parley's tokens are 43 characters of URL-safe Base64; a password rarely is. */
  private static boolean looksLikeToken(String secret) {
    return secret.length() == 43 && secret.matches("[A-Za-z0-9_-]+");
  }

  private static int sessionExpiry(MqttProperties props) {
    var p = props.getProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
    return p == null ? 0 : (Integer) p.value();
  }

  /** The login failed as a token: once more as a password. */
  void retryAsPassword() {
    tryingToken = false;
    toSession(new ClientFrame.Hello(username, password, null, CONNECT_REF));
  }

  /** Logged in as {@code user}: the session is opened (or resumed) and CONNACK sent. */
  void loggedIn(String user, boolean registered) {
    if (!(persistent && registered)) {
      if (registered && cleanStart) {
        sessions.discard(storeKey(user));
      }
      accept(false);
      return;
    }
    sessionKey = storeKey(user);
    Channel previous = sessions.hold(sessionKey, ctx.channel());
    if (previous != null && previous != ctx.channel()) {
      previous.writeAndFlush(MqttPackets.disconnect(MqttReasons.SESSION_TAKEN_OVER, "session taken over"))
          .addListener(ChannelFutureListener.CLOSE);
    }
    sessions.open(sessionKey, cleanStart).whenComplete((opened, failure) -> ctx.executor().execute(() -> {
      if (failure != null) {
        log.warn("opening an MQTT session failed", failure);
        refuse(version == MqttPackets.V5
            ? MqttConnectReturnCode.CONNECTION_REFUSED_UNSPECIFIED_ERROR
            : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, "the session could not be read");
        return;
      }
      state = opened.state();
      stored = true;
      accept(opened.present() && !cleanStart);
      resume();
    }));
  }

  private String storeKey(String user) {
    return Names.key(user) + "\n" + clientId;
  }

  private void accept(boolean sessionPresent) {
    MqttProperties props = MqttPackets.connAckProperties(assignedClientId ? clientId : null, null);
    ctx.writeAndFlush(MqttPackets.connAck(version, MqttConnectReturnCode.CONNECTION_ACCEPTED, sessionPresent, props));
    ready = true;
    while (ready && !waiting.isEmpty() && ctx.channel().isActive()) {
      handle(waiting.poll());
    }
  }

  /** Rejoins the rooms of a resumed session, each from the last message it was given. */
  private void resume() {
    Set<String> rooms = new java.util.LinkedHashSet<>();
    state.subscriptions().keySet().forEach(f -> rooms.add(MqttTopics.roomOfFilter(f)));
    for (String room : rooms) {
      Long last = state.last(room);
      joined.add(room);
      toSession(new ClientFrame.Join(room, last == null ? NO_REPLAY : last, JOIN_REF + room));
    }
  }

  /** CONNACK with a refusal, then close. */
  void refuse(MqttConnectReturnCode code, String reason) {
    MqttProperties props = MqttProperties.NO_PROPERTIES;
    if (reason != null && version == MqttPackets.V5) {
      props = new MqttProperties();
      props.add(MqttPackets.reason(reason));
    }
    int level = version == 0 ? 4 : version;
    ctx.writeAndFlush(MqttPackets.connAck(level, code, false, props)).addListener(ChannelFutureListener.CLOSE);
  }

  private void publish(MqttPublishMessage p) {
    String topic = p.variableHeader().topicName();
    int qos = p.fixedHeader().qosLevel().value();
    int packetId = p.variableHeader().packetId();
    byte[] payload = ByteBufUtil.getBytes(p.payload());
    if (p.fixedHeader().isRetain() && version == MqttPackets.V5) {
      disconnect(MqttReasons.RETAIN_NOT_SUPPORTED, "retained messages are not supported");
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
      toSession(new Decoded.Rejected(ErrorCode.INVALID_NAME, "publish to rooms/ROOM, not " + topic, ref));
      return;
    }
    String text = utf8(payload);
    String problem = text == null ? "the payload must be UTF-8 text" : MessageText.problem(text);
    if (problem != null) {
      toSession(new Decoded.Rejected(ErrorCode.BAD_REQUEST, problem, ref));
      return;
    }
    if (joined.add(room)) {
      toSession(new ClientFrame.Join(room, NO_REPLAY, JOIN_REF + room));
    }
    toSession(new ClientFrame.Send(room, text, ref));
  }

  /** See {@link PublishRefs}. */
  private String refOf(int packetId, int qos, boolean dup, String room, byte[] payload) {
    String hash = PublishRefs.payloadHash(payload);
    MqttSessionState.Received awaiting = qos == 2 ? state.awaitingRelease(packetId) : null;
    if (awaiting != null && awaiting.payloadHash().equals(hash)) {
      return awaiting.ref();
    }
    MqttSessionState.Received done = state.completed(packetId);
    if (dup && done != null && done.payloadHash().equals(hash)) {
      return done.ref();
    }
    return PublishRefs.ref(sessionKey, packetId, done == null ? null : done.ref(), String.valueOf(room), payload);
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
  private void released(int packetId) {
    MqttSessionState.Received r = state.awaitingRelease(packetId);
    if (r != null) {
      state.complete(packetId, r);
    }
    afterSaved(() -> ctx.writeAndFlush(
        MqttPackets.pubReply(MqttMessageType.PUBCOMP, version, packetId, MqttReasons.SUCCESS, null)));
  }

  /** The client's PUBACK of a QoS 1 message: its room's position moves on. */
  private void delivered(int packetId) {
    Delivery d = inflight.remove(packetId);
    if (d != null) {
      state.delivered(d.room(), d.id());
      saveLater();
    }
  }

  private void subscribe(MqttSubscribeMessage s) {
    int packetId = s.idAndPropertiesVariableHeader().messageId();
    List<MqttTopicSubscription> topics = s.payload().topicSubscriptions();
    SubAck ack = new SubAck(packetId, topics.size());
    boolean v5 = version == MqttPackets.V5;
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
        String ref = SUBSCRIBE_REF + packetId + "." + i;
        subscribing.put(ref, new Subscribing(ack, i, filter, room, qos));
        ack.open++;
        joined.add(room);
        toSession(new ClientFrame.Join(room, NO_REPLAY, ref));
      }
    }
    if (ack.open == 0) {
      sendSubAck(ack);
    }
  }

  void sendSubAck(SubAck ack) {
    afterSaved(() -> ctx.writeAndFlush(MqttPackets.subAck(version, ack.packetId, List.of(ack.codes))));
  }

  private void unsubscribe(MqttUnsubscribeMessage u) {
    int packetId = u.idAndPropertiesVariableHeader().messageId();
    List<Short> codes = new ArrayList<>();
    for (String filter : u.payload().topics()) {
      boolean was = state.unsubscribe(filter);
      codes.add(was ? (short) 0 : MqttReasons.NO_SUBSCRIPTION_EXISTED);
      String room = MqttTopics.roomOfFilter(filter);
      if (was && room != null && !state.hasRoom(room)) {
        state.forget(room);
        joined.remove(room);
        toSession(new ClientFrame.Leave(room, null));
      }
    }
    afterSaved(() -> ctx.writeAndFlush(MqttPackets.unsubAck(version, packetId, codes)));
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
      ctx.write(replyOrder.poll().reply);
      sent = true;
    }
    if (sent) {
      ctx.flush();
    }
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

  /** Runs {@code then} once a stored session's state is on disk; at once otherwise. */
  void afterSaved(Runnable then) {
    if (!stored) {
      then.run();
      return;
    }
    sessions.save(sessionKey, state).whenComplete((v, failure) -> ctx.executor().execute(then));
  }

  /** Saves a stored session's state soon, without waiting for it. */
  void saveLater() {
    if (stored) {
      sessions.save(sessionKey, state);
    }
  }

  void toSession(ClientFrame frame) {
    ctx.fireChannelRead(new Decoded.Frame(frame));
  }

  private void toSession(Decoded.Rejected rejected) {
    ctx.fireChannelRead(rejected);
  }

  private void protocolError(String what) {
    log.debug("MQTT protocol error from {}: {}", ctx.channel().remoteAddress(), what);
    if (version == MqttPackets.V5) {
      disconnect(MqttReasons.PROTOCOL_ERROR, what);
    } else {
      ctx.close();
    }
  }

  /** MQTT 5's DISCONNECT with a reason, then close; 3.1.1 just closes. */
  void disconnect(byte reasonCode, String reason) {
    if (version == MqttPackets.V5) {
      ctx.writeAndFlush(MqttPackets.disconnect(reasonCode, reason)).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  /** The session's frames, on their way out: translated into MQTT, or dropped. */
  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof EncodedFrame encoded)) {
      ctx.write(msg, promise);
      return;
    }
    ServerDecoded decoded = FRAMES.decode(encoded.line(), 0, encoded.jsonLength());
    List<MqttMessage> out =
        decoded instanceof ServerDecoded.Frame f ? replies.of(f.frame(), encoded) : List.of();
    if (out.isEmpty()) {
      promise.trySuccess();
      return;
    }
    for (int i = 0; i < out.size() - 1; i++) {
      ctx.write(out.get(i), ctx.voidPromise());
    }
    ctx.write(out.get(out.size() - 1), promise);
  }

  /** A message for the client, as a PUBLISH per subscription of its room. */
  List<MqttMessage> publishToClient(ServerFrame.Msg m, EncodedFrame encoded) {
    List<String> filters = state.topicFiltersOf(m.room());
    List<MqttMessage> out = new ArrayList<>(filters.size());
    for (String filter : filters) {
      int qos = Math.min(1, state.subscriptions().getOrDefault(filter, 0));
      int packetId = 0;
      if (qos == 1) {
        packetId = nextPacketId();
        inflight.put(packetId, new Delivery(m.room(), m.id()));
      } else {
        state.delivered(m.room(), m.id());
      }
      var payload = MqttTopics.isJson(filter)
          ? Unpooled.wrappedBuffer(encoded.line(), 0, encoded.jsonLength())
          : Unpooled.wrappedBuffer(m.text().getBytes(StandardCharsets.UTF_8));
      out.add(MqttPackets.publish(
          filter, MqttQoS.valueOf(qos), packetId, payload, version == MqttPackets.V5 ? properties(m) : MqttProperties.NO_PROPERTIES));
    }
    if (out.stream().anyMatch(p -> ((MqttPublishMessage) p).fixedHeader().qosLevel() == MqttQoS.AT_MOST_ONCE)) {
      saveLater();
    }
    return out;
  }

  /** MQTT 5 user properties: who sent it, its id in the room, and when. */
  private static MqttProperties properties(ServerFrame.Msg m) {
    MqttProperties p = new MqttProperties();
    p.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), 1));
    var user = new MqttProperties.UserProperties();
    user.add("from", m.from());
    user.add("id", Long.toString(m.id()));
    user.add("ts", Long.toString(m.ts()));
    p.add(user);
    return p;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    waiting.forEach(ReferenceCountUtil::release);
    waiting.clear();
    if (stored) {
      sessions.save(sessionKey, state);
      sessions.release(sessionKey, ctx.channel());
    }
    ctx.fireChannelInactive();
  }
}
