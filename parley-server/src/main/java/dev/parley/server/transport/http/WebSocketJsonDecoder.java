package dev.parley.server.transport.http;

import dev.parley.protocol.Decoded;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * One WebSocket text message to one decoded frame. A binary message is a bad request. A
 * message over the size limit becomes the same {@link TooLongFrameException} the line framer
 * raises, so every transport answers it {@code too_large}.
 */
final class WebSocketJsonDecoder extends MessageToMessageDecoder<WebSocketFrame> {
  private final FrameCodec codec;

  WebSocketJsonDecoder(FrameCodec codec) {
    this.codec = codec;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
    if (!(frame instanceof TextWebSocketFrame)) {
      out.add(new Decoded.Rejected(ErrorCode.BAD_REQUEST, "frames are JSON in text messages", null));
      return;
    }
    ByteBuf content = frame.content();
    if (content.hasArray()) {
      out.add(codec.decode(content.array(), content.arrayOffset() + content.readerIndex(), content.readableBytes()));
    } else {
      out.add(codec.decode(ByteBufUtil.getBytes(content)));
    }
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
