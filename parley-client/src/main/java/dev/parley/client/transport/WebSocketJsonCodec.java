package dev.parley.client.transport;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ClientFrameEncoder;
import dev.parley.protocol.ServerFrameDecoder;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/** One text frame in, one decoded server frame out; client frames out as text frames. */
final class WebSocketJsonCodec extends MessageToMessageCodec<TextWebSocketFrame, ClientFrame> {
  private static final ServerFrameDecoder DECODER = new ServerFrameDecoder();
  private static final ClientFrameEncoder ENCODER = new ClientFrameEncoder();

  @Override
  protected void encode(ChannelHandlerContext ctx, ClientFrame frame, List<Object> out) {
    out.add(new TextWebSocketFrame(Unpooled.wrappedBuffer(ENCODER.json(frame))));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, TextWebSocketFrame text, List<Object> out) {
    byte[] bytes = ByteBufUtil.getBytes(text.content());
    out.add(DECODER.decode(bytes, 0, bytes.length));
  }
}
