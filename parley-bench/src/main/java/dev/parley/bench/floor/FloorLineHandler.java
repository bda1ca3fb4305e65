package dev.parley.bench.floor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import java.nio.charset.StandardCharsets;

/**
 * TCP: the first line joins a room and is echoed to say so; every later line (with its newline)
 * goes to everyone in the room.
 */
final class FloorLineHandler extends SimpleChannelInboundHandler<ByteBuf> {
  private final FloorRooms rooms;
  private ChannelGroup room;

  FloorLineHandler(FloorRooms rooms) {
    this.rooms = rooms;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
    if (room == null) {
      room = rooms.join(line.toString(StandardCharsets.UTF_8).strip(), ctx.channel());
      ctx.writeAndFlush(line.retain()); // the room's name back: joined
    } else {
      room.writeAndFlush(line.retain()); // the group writes a shared duplicate to each channel
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
