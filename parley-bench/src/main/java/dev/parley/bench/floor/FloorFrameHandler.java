package dev.parley.bench.floor;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/** WebSocket: the first text frame joins a room and is echoed; every later one goes to the room. */
final class FloorFrameHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
  private final FloorRooms rooms;
  private ChannelGroup room;

  FloorFrameHandler(FloorRooms rooms) {
    this.rooms = rooms;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
    if (room == null) {
      room = rooms.join(frame.text().strip(), ctx.channel());
      ctx.writeAndFlush(frame.retain()); // the room's name back: joined
    } else {
      room.writeAndFlush(frame.retain()); // the group writes a shared duplicate to each channel
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
