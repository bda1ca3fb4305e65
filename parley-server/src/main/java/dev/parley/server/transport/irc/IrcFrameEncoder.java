package dev.parley.server.transport.irc;

import dev.parley.protocol.EncodedFrame;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Out: the session's frames (read back from their shared JSON) become IRC lines, and the lines
 * the gateway writes itself get their CR LF. Each line is one buffer of UTF-8.
 */
final class IrcFrameEncoder extends MessageToMessageEncoder<Object> {
  private final IrcFrames frames;
  private final IrcClient client;

  IrcFrameEncoder(IrcClient client, IrcFrames frames) {
    this.client = client;
    this.frames = frames;
  }

  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return msg instanceof String || msg instanceof EncodedFrame;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
    if (msg instanceof String line) {
      out.add(ByteBufUtil.writeUtf8(ctx.alloc(), line + "\r\n"));
      return;
    }
    // Read back once per message, however many IRC connections it goes to (EncodedFrame#frame).
    var frame = ((EncodedFrame) msg).frame();
    if (frame.isPresent()) {
      frames.translate(frame.get(), new IrcLink() {
        @Override
        public void line(String line) {
          out.add(ByteBufUtil.writeUtf8(ctx.alloc(), line + "\r\n"));
        }

        @Override
        public void frame(Object... keysAndValues) {
          // translating what the server says never asks the server anything
        }

        @Override
        public void closeWith(String reason) {
          line("ERROR :Closing Link: " + client.me() + " (" + reason + ")");
          // Once this write is done: the line is flushed with the empty write, then the close.
          ctx.executor().execute(
              () -> ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
        }
      });
    }
    if (out.isEmpty()) {
      out.add(Unpooled.EMPTY_BUFFER); // the write's promise still completes, in order
    }
  }
}
