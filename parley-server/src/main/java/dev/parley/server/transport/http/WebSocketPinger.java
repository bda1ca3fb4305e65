package dev.parley.server.transport.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * On WebSocket, a silent connection also gets a WebSocket ping, which browsers answer by
 * themselves; the pong is a read, so it counts as the client being alive. The JSON heartbeat
 * (the session handler's) follows as on every transport.
 */
@Sharable
final class WebSocketPinger extends ChannelDuplexHandler {
  static final WebSocketPinger INSTANCE = new WebSocketPinger();

  private WebSocketPinger() {}

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
    }
    ctx.fireUserEventTriggered(event);
  }
}
