package dev.parley.client.transport;

import dev.parley.protocol.ServerDecoded;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tail of every client pipeline: says when the link is ready, passes decoded frames on,
 * skips frames it cannot use (logged), and turns any failure into closing the link.
 */
final class LinkHandler extends SimpleChannelInboundHandler<ServerDecoded> {
  private static final Logger log = LoggerFactory.getLogger(LinkHandler.class);

  /** The moment a link can carry frames. */
  enum Ready {
    CONNECTED,
    TLS_HANDSHAKE,
    WEBSOCKET_HANDSHAKE
  }

  private final NettyLink link;
  private final Ready ready;

  LinkHandler(NettyLink link, Ready ready) {
    this.link = link;
    this.ready = ready;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (ready == Ready.CONNECTED) {
      link.ready();
    }
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent handshake) {
      if (!handshake.isSuccess()) {
        link.failed(handshake.cause());
      } else if (ready == Ready.TLS_HANDSHAKE) {
        link.ready();
      }
    } else if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      link.ready();
    } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      link.failed(new java.util.concurrent.TimeoutException("WebSocket upgrade timed out"));
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ServerDecoded decoded) {
    if (decoded instanceof ServerDecoded.Frame frame) {
      link.received(frame.frame());
    } else if (decoded instanceof ServerDecoded.Unknown unknown) {
      log.debug("skipping a frame of unknown type {}", unknown.type());
    } else if (decoded instanceof ServerDecoded.Malformed malformed) {
      log.warn("skipping a frame the client cannot read: {}", malformed.problem());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("{} failed: {}", link, cause.toString());
    link.failed(cause);
  }
}
