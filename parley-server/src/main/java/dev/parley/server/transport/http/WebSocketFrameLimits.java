package dev.parley.server.transport.http;

import dev.parley.server.session.RateLimiter;
import dev.parley.server.transport.ProtocolViolations;
import dev.parley.server.transport.Silence;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Every frame a WebSocket client sends costs the server work, so every frame counts: data,
 * continuation and control frames alike take a token from a per-connection bucket of {@link
 * #framesPerSecond} (bursts of twice that), and one message may come in at most {@value
 * #MAX_FRAGMENTS} fragments. The session's own rate limit counts messages, which empty
 * fragments and pongs never become. Past either limit the connection gets a close frame 1008
 * (policy violation) and is counted. Both are far above what a real client sends. One per
 * connection; only touched on its event loop.
 */
final class WebSocketFrameLimits extends ChannelInboundHandlerAdapter {
  static final int MAX_FRAGMENTS = 1024;

  private final ProtocolViolations violations;
  private final RateLimiter frames;
  private final Silence silence;
  /** Frames of the message being received so far; 0 between messages. */
  private int fragments;
  private boolean closing;

  /** @param silence told of every frame let through, pongs included */
  WebSocketFrameLimits(int framesPerSecond, ProtocolViolations violations, Silence silence) {
    this.frames = new RateLimiter(framesPerSecond, System.nanoTime());
    this.violations = violations;
    this.silence = silence;
  }

  /** Frames per second a connection may send: ten times the message rate, and at least 1000. */
  static int framesPerSecond(int messagesPerSecond) {
    return (int) Math.min(Integer.MAX_VALUE / 2, Math.max(1000L, 10L * messagesPerSecond));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (closing) {
      frame.release();
      return;
    }
    String over = null;
    if (!frames.tryAcquire(System.nanoTime())) {
      over = "frame_rate";
    } else if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
      fragments = frame.isFinalFragment() ? 0 : 1;
    } else if (frame instanceof ContinuationWebSocketFrame) {
      fragments = frame.isFinalFragment() ? 0 : fragments + 1;
      if (fragments > MAX_FRAGMENTS) {
        over = "fragments";
      }
    }
    if (over == null) {
      silence.heard();
      ctx.fireChannelRead(frame);
      return;
    }
    frame.release();
    closing = true;
    violations.report(ctx.channel(), "websocket", over,
        over.equals("fragments") ? "a message in more than " + MAX_FRAGMENTS + " fragments" : "frames faster than allowed");
    WebSocketViolations.closeWith(ctx, WebSocketCloseStatus.POLICY_VIOLATION);
  }
}
