package dev.parley.server.transport.http;

import dev.parley.server.transport.ProtocolViolations;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket frame that breaks RFC 6455 (unmasked, RSV bits, an unknown opcode, a bad close
 * code, text that is not UTF-8) is the client's fault: Netty's decoder reports it with the
 * close status it deserves and then ignores the connection's input; this answers with a close
 * frame of that status (1002, or 1007 for bad UTF-8), counts it, and closes, without the
 * session ever seeing it. A message too big (1009) goes on, to be answered {@code too_large}
 * as on every transport. Shared by every WebSocket connection.
 */
@Sharable
final class WebSocketViolations extends ChannelInboundHandlerAdapter {
  /** How long a closing connection gets to take its close frame. */
  private static final long CLOSE_GRACE_MS = 1000;

  private final ProtocolViolations violations;

  WebSocketViolations(ProtocolViolations violations) {
    this.violations = violations;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof CorruptedWebSocketFrameException corrupt)) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    WebSocketCloseStatus status =
        corrupt.closeStatus() == null ? WebSocketCloseStatus.PROTOCOL_ERROR : corrupt.closeStatus();
    if (status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    String kind =
        status.code() == WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code() ? "invalid_payload" : "protocol_error";
    violations.report(ctx.channel(), "websocket", kind, cause.getMessage());
    closeWith(ctx, status);
  }

  /** Sends a close frame with {@code status} and closes, at once if the client does not take it. */
  static void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status) {
    ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
    ctx.executor().schedule(() -> ctx.channel().close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
  }
}
