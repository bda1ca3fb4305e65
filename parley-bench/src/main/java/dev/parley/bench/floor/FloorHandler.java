package dev.parley.bench.floor;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.ReferenceCounted;
import java.util.function.Function;

/**
 * The floor's whole protocol, for lines (TCP) and text frames (WebSocket) alike: the first
 * message names a room, joins it and is echoed to say so; every later one, as it is, goes to
 * everyone in the room.
 */
final class FloorHandler<M extends ReferenceCounted> extends SimpleChannelInboundHandler<M> {
  private final FloorRooms rooms;
  private final Function<M, String> text;
  private FloorRoom room;

  FloorHandler(Class<M> type, FloorRooms rooms, Function<M, String> text) {
    super(type);
    this.rooms = rooms;
    this.text = text;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, M message) {
    if (room == null) {
      room = rooms.join(text.apply(message).strip(), ctx.channel());
      ctx.writeAndFlush(message.retain()); // the room's name back: joined
    } else {
      room.deliver(message.retain()); // written to every member, flushed once per event-loop turn
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
