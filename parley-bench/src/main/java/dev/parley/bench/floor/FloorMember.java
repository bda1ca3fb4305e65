package dev.parley.bench.floor;

import io.netty.channel.Channel;

/** One connection in a room, as its event loop sees it: touched only on that loop. */
final class FloorMember {
  final Channel channel;
  /** Written to since its last flush. */
  boolean dirty;

  FloorMember(Channel channel) {
    this.channel = channel;
  }
}
