package dev.parley.server.transport.http;

import dev.parley.protocol.Decoded;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * One WebSocket text message to one decoded frame. A binary message is a bad request. A
 * message over the size limit becomes the same {@link TooLongFrameException} the line framer
 * raises, so every transport answers it {@code too_large}. It keeps nothing per connection
 * (unlike Netty's {@code MessageToMessageDecoder}), so one instance serves them all.
 */
@Sharable
final class WebSocketJsonDecoder extends ChannelInboundHandlerAdapter {
  private final FrameCodec codec;

  WebSocketJsonDecoder(FrameCodec codec) {
    this.codec = codec;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Decoded decoded;
    try {
      decoded = decode(frame);
    } finally {
      frame.release();
    }
    ctx.fireChannelRead(decoded);
  }

  private Decoded decode(WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame)) {
      return new Decoded.Rejected(ErrorCode.BAD_REQUEST, "frames are JSON in text messages", null);
    }
    ByteBuf content = frame.content();
    if (content.hasArray()) {
      return codec.decode(content.array(), content.arrayOffset() + content.readerIndex(), content.readableBytes());
    }
    return codec.decode(ByteBufUtil.getBytes(content));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException corrupt
        && corrupt.closeStatus() != null
        && corrupt.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
      ctx.fireExceptionCaught(new TooLongFrameException(cause.getMessage()));
      return;
    }
    ctx.fireExceptionCaught(cause);
  }
}
