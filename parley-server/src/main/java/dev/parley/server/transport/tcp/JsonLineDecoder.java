package dev.parley.server.transport.tcp;

import dev.parley.protocol.Decoded;
import dev.parley.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One line (without its delimiter) to one decoded frame or rejection. Blank lines are skipped,
 * so a person typing into {@code nc} may press Enter freely. It keeps nothing per connection
 * (unlike Netty's {@code MessageToMessageDecoder}), so one instance serves them all.
 */
@Sharable
public final class JsonLineDecoder extends ChannelInboundHandlerAdapter {
  private final FrameCodec codec;

  public JsonLineDecoder(FrameCodec codec) {
    this.codec = codec;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf line)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Decoded decoded;
    try {
      decoded = isBlank(line) ? null : decode(line);
    } finally {
      line.release();
    }
    if (decoded != null) {
      ctx.fireChannelRead(decoded);
    }
  }

  private Decoded decode(ByteBuf line) {
    int length = line.readableBytes();
    if (line.hasArray()) {
      return codec.decode(line.array(), line.arrayOffset() + line.readerIndex(), length);
    }
    return codec.decode(ByteBufUtil.getBytes(line));
  }

  private static boolean isBlank(ByteBuf line) {
    for (int i = line.readerIndex(); i < line.writerIndex(); i++) {
      byte b = line.getByte(i);
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
