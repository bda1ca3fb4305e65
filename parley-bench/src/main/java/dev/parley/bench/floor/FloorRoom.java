package dev.parley.bench.floor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One room's members, grouped by the event loop their channel lives on. A message costs each
 * other event loop one task (not one per member), each member one write, and each channel one
 * flush per event-loop turn ({@link TurnFlusher}), however many messages the turn wrote.
 */
final class FloorRoom {
  private final CopyOnWriteArrayList<LoopMembers> loops = new CopyOnWriteArrayList<>();

  /** Called on the channel's event loop. */
  void join(Channel channel) {
    LoopMembers here = on(channel.eventLoop());
    FloorMember member = new FloorMember(channel);
    here.members.add(member);
    // Deferred: a channel may close while a delivery on this loop iterates the members.
    channel.closeFuture().addListener(f -> channel.eventLoop().execute(() -> here.members.remove(member)));
  }

  private synchronized LoopMembers on(EventLoop loop) {
    for (LoopMembers m : loops) {
      if (m.loop == loop) {
        return m;
      }
    }
    LoopMembers m = new LoopMembers(loop);
    loops.add(m);
    return m;
  }

  /** Writes {@code message} (a line or a frame; this takes one reference) to every member. */
  void deliver(Object message) {
    for (LoopMembers m : loops) {
      ReferenceCountUtil.retain(message);
      if (m.loop.inEventLoop()) {
        m.write(message);
      } else {
        m.loop.execute(() -> m.write(message));
      }
    }
    ReferenceCountUtil.release(message);
  }

  /** The members on one event loop; touched only on that loop (the list of loops aside). */
  private static final class LoopMembers {
    final EventLoop loop;
    final Set<FloorMember> members = new LinkedHashSet<>();

    LoopMembers(EventLoop loop) {
      this.loop = loop;
    }

    /** Writes a shared duplicate to each member, unflushed; releases {@code message}. */
    void write(Object message) {
      try {
        TurnFlusher flusher = TurnFlusher.current();
        for (FloorMember member : members) {
          member.channel.write(duplicate(message), member.channel.voidPromise());
          flusher.written(member);
        }
      } finally {
        ReferenceCountUtil.release(message);
      }
    }

    private static Object duplicate(Object message) {
      return message instanceof ByteBufHolder holder ? holder.retainedDuplicate() : ((ByteBuf) message).retainedDuplicate();
    }
  }
}
