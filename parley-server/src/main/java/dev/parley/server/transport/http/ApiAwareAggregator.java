package dev.parley.server.transport.http;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.transport.http.api.ApiHandler;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Netty's aggregator, whose answer to a body over its limit is, for the API, the API's own:
 * {@code 413} with the {@code too_large} error body, and the connection closed (the rest of the
 * body may still be on its way). Other routes keep Netty's bare {@code 413}.
 */
final class ApiAwareAggregator extends HttpObjectAggregator {
  private final FrameCodec codec;

  ApiAwareAggregator(int maxContentLength, FrameCodec codec) {
    super(maxContentLength);
    this.codec = codec;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
    if (oversized instanceof HttpRequest request && ApiHandler.isApi(request.uri())) {
      var error = codec.encode(new ServerFrame.Error(ErrorCode.TOO_LARGE, "the body is larger than the limit", null));
      HttpResponses.send(ctx, false, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, HttpResponses.JSON,
          Unpooled.wrappedBuffer(error.line(), 0, error.jsonLength()));
      return;
    }
    super.handleOversizedMessage(ctx, oversized);
  }
}
