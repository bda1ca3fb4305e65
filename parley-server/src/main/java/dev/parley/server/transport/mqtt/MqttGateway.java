package dev.parley.server.transport.mqtt;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.Decoded;
import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.Names;
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
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT side of a connection: MQTT packets in, the protocol's client frames out to the
 * session (CONNECT → {@code hello}, SUBSCRIBE → {@code join}, PUBLISH → {@code send} with a
 * ref from {@link PublishRefs}, PINGREQ → {@code ping}, DISCONNECT → {@code bye}); the session's
 * server frames in, MQTT packets out (see {@link MqttReplies}). It owns the connection's MQTT
 * state (CONNECT, the login, the session) and hands PUBLISH to {@link MqttPublishes},
 * SUBSCRIBE and UNSUBSCRIBE to {@link MqttSubscriptions}, and the room's messages to {@link
 * MqttDeliveries}. Every field, theirs too, is only touched on the channel's event loop; one
 * instance per connection.
 */
final class MqttGateway extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(MqttGateway.class);
  /** Packets that may arrive between CONNECT and CONNACK before the connection is closed. */
  private static final int MAX_WAITING = 1000;
  static final String CONNECT_REF = "mqtt-connect";
  static final String SUBSCRIBE_REF = "mqtt-sub-";
  static final String JOIN_REF = "mqtt-join:";
  /** A join's {@code since} that replays nothing: MQTT subscribers get what comes next. */
  static final long NO_REPLAY = Long.MAX_VALUE;

  private final MqttSessions sessions;
  private final MqttReplies replies = new MqttReplies(this);
  final MqttPublishes publishes = new MqttPublishes(this);
  final MqttSubscriptions subscriptions = new MqttSubscriptions(this);
  final MqttDeliveries deliveries = new MqttDeliveries(this);
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
        case PUBLISH -> publishes.publish((MqttPublishMessage) m);
        case PUBACK -> deliveries.delivered(packetIdOf(m));
        case PUBREL -> publishes.released(packetIdOf(m));
        case SUBSCRIBE -> subscriptions.subscribe((MqttSubscribeMessage) m);
        case UNSUBSCRIBE -> subscriptions.unsubscribe((MqttUnsubscribeMessage) m);
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
      MqttGateway before = previous.pipeline().get(MqttGateway.class);
      previous.eventLoop().execute(() -> before.disconnect(MqttReasons.SESSION_TAKEN_OVER, "session taken over"));
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
      subscriptions.resume();
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

  void toSession(Decoded.Rejected rejected) {
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
    // Read back once per message, however many MQTT connections it goes to (EncodedFrame#frame).
    List<MqttMessage> out = encoded.frame().map(frame -> replies.of(frame, encoded)).orElse(List.of());
    if (out.isEmpty()) {
      promise.trySuccess();
      return;
    }
    for (int i = 0; i < out.size() - 1; i++) {
      ctx.write(out.get(i), ctx.voidPromise());
    }
    ctx.write(out.get(out.size() - 1), promise);
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
