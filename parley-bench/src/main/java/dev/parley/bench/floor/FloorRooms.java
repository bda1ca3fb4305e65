package dev.parley.bench.floor;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The floor's rooms: a channel group per name; a closed channel leaves its group by itself. */
final class FloorRooms {
  private final ConcurrentMap<String, ChannelGroup> rooms = new ConcurrentHashMap<>();

  ChannelGroup join(String room, Channel channel) {
    ChannelGroup group =
        rooms.computeIfAbsent(room, r -> new DefaultChannelGroup(r, GlobalEventExecutor.INSTANCE));
    group.add(channel);
    return group;
  }
}
