package dev.parley.client.transport;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ClientFrameEncoder;
import dev.parley.protocol.ServerFrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;

/** One line (without its newline) in, one decoded server frame out; client frames out as lines. */
final class JsonLineCodec extends MessageToMessageCodec<ByteBuf, ClientFrame> {
  private static final ServerFrameDecoder DECODER = new ServerFrameDecoder();
  private static final ClientFrameEncoder ENCODER = new ClientFrameEncoder();

  @Override
  protected void encode(ChannelHandlerContext ctx, ClientFrame frame, List<Object> out) {
    out.add(Unpooled.wrappedBuffer(ENCODER.line(frame)));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
    if (line.isReadable()) {
      byte[] bytes = ByteBufUtil.getBytes(line);
      out.add(DECODER.decode(bytes, 0, bytes.length));
    }
  }
}
