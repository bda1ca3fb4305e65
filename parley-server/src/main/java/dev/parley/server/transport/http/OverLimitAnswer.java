package dev.parley.server.transport.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * The whole of an HTTP connection from an address that already holds its maximum: its first
 * request is answered {@code 429 Too Many Requests} and the connection closed. (Answering the
 * request, rather than writing before it, lets the client read the answer before the close.)
 */
@Sharable
final class OverLimitAnswer extends ChannelInboundHandlerAdapter {
  static final OverLimitAnswer INSTANCE = new OverLimitAnswer();

  private OverLimitAnswer() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    boolean request = msg instanceof HttpRequest;
    ReferenceCountUtil.release(msg);
    if (request) {
      HttpResponses.text(ctx, false, HttpResponseStatus.TOO_MANY_REQUESTS, "too many connections from your address\n");
    }
  }
}
