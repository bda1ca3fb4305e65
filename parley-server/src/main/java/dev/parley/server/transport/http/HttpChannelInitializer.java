package dev.parley.server.transport.http;

import dev.parley.protocol.EncodedFrame;
import dev.parley.server.metrics.PrometheusMetrics;
import dev.parley.server.session.CommandTable;
import dev.parley.server.session.SessionServices;
import dev.parley.server.transport.AddressAdmission;
import dev.parley.server.transport.ProtocolViolations;
import dev.parley.server.transport.SessionHandler;
import dev.parley.server.transport.SharedFrameBytes;
import dev.parley.server.transport.Silence;
import dev.parley.server.transport.TlsFailures;
import dev.parley.server.transport.http.api.ApiHandler;
import dev.parley.server.transport.http.poll.PollHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HTTP pipeline, top to bottom. Until a WebSocket upgrade it is {@code TLS? → request
 * decoder (strict framing, a deadline per request) → response encoder → aggregator → answers
 * in order → Origin check → WebSocket handshake → router}; after the upgrade the HTTP pieces go
 * and {@code frame limits → violations → WebSocket protocol → message aggregator → JSON decoder
 * → WebSocket pinger → session} take their place, the same session handler the TCP pipeline
 * ends in; the frame limits tell its {@link Silence} of every frame, so that pongs count. A
 * connection from an address over its limit gets {@code TLS? → codec → 429} instead.
 */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
  public static final String WEBSOCKET_PATH = "/ws";
  /** A plain HTTP connection with nothing read or written this long is closed. */
  private static final Duration HTTP_IDLE = Duration.ofMinutes(2);
  /**
   * A WebSocket message is the JSON alone, the bytes before the encoded frame's newline. On a
   * connection thread the whole frame is built once for every connection of a fan-out and
   * written past Netty's frame encoder; elsewhere the encoder frames it.
   */
  private static final Function<EncodedFrame, Object> TEXT_MESSAGE =
      new SharedFrameBytes(
          f -> new TextWebSocketFrame(Unpooled.wrappedBuffer(f.line(), 0, f.jsonLength())),
          HttpChannelInitializer::unmaskedTextFrame,
          10);

  /** RFC 6455, section 5.2: one final, unmasked (server to client) text frame. */
  static ByteBuf unmaskedTextFrame(EncodedFrame f, ByteBuf out) {
    int length = f.jsonLength();
    out.writeByte(0x81); // FIN, opcode 1 (text)
    if (length < 126) {
      out.writeByte(length);
    } else if (length <= 0xFFFF) {
      out.writeByte(126).writeShort(length);
    } else {
      out.writeByte(127).writeLong(length);
    }
    return out.writeBytes(f.line(), 0, length);
  }

  /** After the last frame, a WebSocket says goodbye with a close frame of its own. */
  private static final Supplier<Object> CLOSE =
      () -> new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE);

  /** What the HTTP listener needs beyond the sessions' shared services. */
  public record Settings(
      SslContext tls,
      int maxFrameBytes,
      Duration heartbeat,
      long maxPendingBytes,
      List<String> allowedOrigins,
      PrometheusMetrics metrics,
      HealthCheck health,
      MetricsAccess metricsAccess,
      Duration requestTimeout,
      AddressAdmission admission,
      ProtocolViolations violations) {}

  private final SessionServices services;
  private final CommandTable commands;
  private final Settings settings;
  private final PollHandler poll;
  private final ApiHandler api;
  private final StaticFiles files = new StaticFiles();
  private final ChannelGroup channels;
  // Shared by every connection, since whatever a connection carries costs heap for as long as
  // it stays open. (Netty's frame decoders and aggregators keep per-connection state and are not
  // shared; the JSON decoder keeps none.)
  private final OriginCheck originCheck;
  private final WebSocketServerProtocolConfig webSocketConfig;
  private final TlsFailures tlsFailures;
  private final WebSocketViolations webSocketViolations;
  private final WebSocketJsonDecoder webSocketJsonDecoder;
  private final int framesPerSecond;

  public HttpChannelInitializer(
      SessionServices services,
      CommandTable commands,
      Settings settings,
      PollHandler poll,
      ApiHandler api,
      ChannelGroup channels) {
    this.services = services;
    this.commands = commands;
    this.settings = settings;
    this.poll = poll;
    this.api = api;
    this.channels = channels;
    this.originCheck = new OriginCheck(settings.allowedOrigins(), settings.tls() != null, OwnHostNames.NAMES);
    this.webSocketConfig = webSocketConfig(settings.maxFrameBytes());
    this.tlsFailures = new TlsFailures(settings.violations(), "http");
    this.webSocketViolations = new WebSocketViolations(settings.violations());
    this.webSocketJsonDecoder = new WebSocketJsonDecoder(services.codec());
    this.framesPerSecond = WebSocketFrameLimits.framesPerSecond(services.ratePerSecond());
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    channels.add(ch);
    boolean admitted = settings.admission().admit(ch);
    ChannelPipeline p = ch.pipeline();
    if (settings.tls() != null) {
      p.addLast("tls", settings.tls().newHandler(ch.alloc()));
      p.addLast("tlsFailures", tlsFailures);
    }
    // The decoder notes each request's method for the encoder: a HEAD answer has no body.
    ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
    p.addLast("httpDecoder",
        new StrictRequestDecoder(new RequestDeadline(settings.requestTimeout(), settings.violations()), methods));
    p.addLast("httpEncoder", new HeadAwareResponseEncoder(methods));
    if (!admitted) {
      p.addLast("overLimit", OverLimitAnswer.INSTANCE);
      return;
    }
    p.addLast("flushConsolidation", new FlushConsolidationHandler(256, true));
    p.addLast("httpAggregator", new ApiAwareAggregator(PollHandler.maxBodyBytes(settings.maxFrameBytes()), services.codec()));
    p.addLast("httpIdle", new IdleStateHandler(0, 0, HTTP_IDLE.toSeconds(), TimeUnit.SECONDS));
    p.addLast("inOrder", new AnswersInOrder());
    p.addLast("originCheck", originCheck);
    p.addLast("webSocket", new WebSocketServerProtocolHandler(webSocketConfig));
    p.addLast("upgrade", new UpgradeListener());
    p.addLast("router", new HttpRouter(
        poll, api, files, settings.metrics(), settings.health(), settings.metricsAccess(), settings.violations()));
  }

  private static WebSocketServerProtocolConfig webSocketConfig(int maxFrameBytes) {
    return WebSocketServerProtocolConfig.newBuilder()
        .websocketPath(WEBSOCKET_PATH)
        .checkStartsWith(false)
        .handshakeTimeoutMillis(10_000)
        .dropPongFrames(true)
        .decoderConfig(
            WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFrameBytes)
                // Over-long frames must reach the session so it can answer too_large.
                .closeOnProtocolViolation(false)
                .build())
        .build();
  }

  /** Turns the pipeline into a WebSocket session's once the handshake is done. */
  private final class UpgradeListener extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        ChannelPipeline p = ctx.pipeline();
        p.remove("router");
        p.remove("httpIdle");
        p.remove("inOrder");
        p.remove("originCheck"); // it only looks at the handshake's request
        p.remove("flushConsolidation"); // the session's frames are flushed once per turn anyway
        // Every frame, control frames included, before the protocol handler answers pings. The
        // frame limits also tell the silence of every frame, as the protocol handler swallows
        // pongs: a browser's automatic pong keeps a tab alive whose scripts are throttled in
        // the background.
        Silence silence = new Silence(settings.heartbeat().toMillis());
        p.addBefore("webSocket", "frameLimits",
            new WebSocketFrameLimits(framesPerSecond, settings.violations(), silence));
        p.addBefore("webSocket", "violations", webSocketViolations);
        p.addLast("messageAggregator", new WebSocketFrameAggregator(settings.maxFrameBytes()));
        p.addLast("jsonDecoder", webSocketJsonDecoder);
        p.addLast("pinger", WebSocketPinger.INSTANCE);
        p.addLast("session",
            new SessionHandler(
                services, commands, TEXT_MESSAGE, CLOSE, settings.maxPendingBytes(), "websocket", true, silence));
        p.remove(this);
        return;
      }
      ctx.fireUserEventTriggered(event);
    }
  }

  /**
   * This machine's own host name, which the Origin check takes as the server's own: another
   * site's DNS cannot point it here. Looked up once, when the first HTTP listener starts.
   */
  private static final class OwnHostNames {
    static final Set<String> NAMES = lookUp();

    private static Set<String> lookUp() {
      try {
        return Set.of(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
      } catch (UnknownHostException e) {
        return Set.of();
      }
    }
  }
}
