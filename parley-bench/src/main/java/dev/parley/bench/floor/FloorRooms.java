package dev.parley.bench.floor;

import io.netty.channel.Channel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The floor's rooms by name; a closed channel leaves its room by itself. */
final class FloorRooms {
  private final ConcurrentMap<String, FloorRoom> rooms = new ConcurrentHashMap<>();

  /** Joins {@code channel} to the room; called on the channel's event loop. */
  FloorRoom join(String room, Channel channel) {
    FloorRoom joined = rooms.computeIfAbsent(room, r -> new FloorRoom());
    joined.join(channel);
    return joined;
  }
}
