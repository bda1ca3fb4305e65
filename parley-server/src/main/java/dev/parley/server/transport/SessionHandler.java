package dev.parley.server.transport;

import dev.parley.protocol.ByeReason;
import dev.parley.protocol.Decoded;
import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.session.CommandTable;
import dev.parley.server.session.Session;
import dev.parley.server.session.SessionServices;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tail of every transport's pipeline: decoded frames in, the session's frames out. It owns
 * the connection's session (kept in a channel attribute), and turns the channel's own events
 * into protocol: silence into pings and {@code bye idle}, an overfull send queue into {@code bye
 * slow_consumer}, an over-long frame into {@code too_large}, a bug into {@code internal}.
 * One instance per connection.
 */
public final class SessionHandler extends SimpleChannelInboundHandler<Decoded> {
  public static final AttributeKey<Session> SESSION = AttributeKey.valueOf("parley.session");
  private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);
  /** Heartbeats of silence after which the connection is closed (one ping, then two more). */
  private static final int SILENT_HEARTBEATS_TO_CLOSE = 3;
  private final SessionServices services;
  private final CommandTable commands;
  private final Function<EncodedFrame, Object> wrap;
  private final Supplier<Object> farewell;
  private final long maxPendingBytes;
  private final String transport;
  private final boolean admitted;
  /** Says when the client falls silent; {@code null} where the pipeline has an idle handler. */
  private final Silence silence;
  private Session session;
  private ChannelOutbound out;
  private int silentHeartbeats;
  /**
   * The slow-consumer rule, fed with the channel's writability (its high watermark is {@code
   * --max-pending}); made when the channel first turns unwritable, as most never do.
   */
  private SlowConsumerRule slowness;
  private boolean loggedFailure;

  public SessionHandler(
      SessionServices services,
      CommandTable commands,
      Function<EncodedFrame, Object> wrap,
      Supplier<Object> farewell,
      long maxPendingBytes,
      String transport,
      boolean admitted,
      Silence silence) {
    this.services = services;
    this.commands = commands;
    this.wrap = wrap;
    this.farewell = farewell;
    this.maxPendingBytes = maxPendingBytes;
    this.transport = transport;
    this.admitted = admitted;
    this.silence = silence;
  }

  /**
   * The session starts when this handler joins the pipeline: at connect for TCP, after the
   * upgrade for WebSocket. {@code admitted} is whether the connection was under its address's
   * limit when accepted (a WebSocket's HTTP connection was, or it would not have got this far).
   */
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    out =
        new ChannelOutbound(
            ctx.channel(), wrap, farewell, SlowConsumerRule.hardLimit(maxPendingBytes),
            () -> slowConsumer(ctx));
    session = new Session(out, services, commands);
    ctx.channel().attr(SESSION).set(session);
    services.metrics().connectionOpened(transport);
    if (silence != null) {
      silence.start(ctx.channel());
    }
    session.start(admitted);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Decoded frame) {
    if (silence != null) {
      silence.heard();
    }
    session.received(frame);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (silence != null) {
      silence.readDone();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (silence != null) {
      silence.stop();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (silence != null) {
      silence.stop();
    }
    if (session != null) {
      session.closed();
      services.metrics().connectionClosed(transport);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle) {
      // The idle handler says "first" after any read at all (a WebSocket pong included).
      silentHeartbeats = idle.isFirst() ? 1 : silentHeartbeats + 1;
      if (silentHeartbeats >= SILENT_HEARTBEATS_TO_CLOSE) {
        session.bye(ByeReason.IDLE);
      } else {
        session.send(services.codec().encode(new ServerFrame.Ping()));
      }
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      if (slowness != null) {
        slowness.cameUnder();
      }
      out.writable();
    } else {
      if (slowness == null) {
        slowness = new SlowConsumerRule(ctx.executor(), () -> slowConsumer(ctx));
      }
      slowness.wentOver();
    }
    ctx.fireChannelWritabilityChanged();
    if (!ctx.channel().isWritable()) {
      // Output is flushed once per event-loop turn; past the high watermark it goes to the
      // kernel now, so that a long turn of writes is not taken for a slow reader.
      ctx.channel().flush();
    }
  }

  /** From the rule on the event loop, or from a lane that found the channel over the hard limit. */
  private void slowConsumer(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      log.info("closing {}: too slow to read its messages", ctx.channel().remoteAddress());
      session.bye(ByeReason.SLOW_CONSUMER);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      var error = new ServerFrame.Error(ErrorCode.TOO_LARGE, "frame is larger than the limit", null);
      session.closeAfterBacklog(services.codec().encode(error));
      return;
    }
    // The client's doing, not a fault: the network failed, TLS broke, or the connection
    // closed in the middle of a fragmented message.
    if (cause instanceof IOException
        || cause.getCause() instanceof SSLException
        || cause instanceof PrematureChannelClosureException) {
      log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
      return;
    }
    if (!loggedFailure) {
      loggedFailure = true;
      log.error("unexpected failure on {}", ctx.channel().remoteAddress(), cause);
    }
    if (session != null) {
      session.reject(ErrorCode.INTERNAL, "the server failed to handle this connection's input", null);
    }
  }
}
