package dev.parley.server.transport.tcp;

import dev.parley.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * One line (without its delimiter) to one decoded frame or rejection. Blank lines are skipped,
 * so a person typing into {@code nc} may press Enter freely.
 */
public final class JsonLineDecoder extends MessageToMessageDecoder<ByteBuf> {
  private final FrameCodec codec;

  public JsonLineDecoder(FrameCodec codec) {
    this.codec = codec;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
    if (isBlank(line)) {
      return;
    }
    int length = line.readableBytes();
    if (line.hasArray()) {
      out.add(codec.decode(line.array(), line.arrayOffset() + line.readerIndex(), length));
    } else {
      out.add(codec.decode(ByteBufUtil.getBytes(line)));
    }
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
