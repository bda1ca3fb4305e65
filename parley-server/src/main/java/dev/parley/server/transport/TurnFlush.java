package dev.parley.server.transport;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * Flushes each connection written to during an event-loop turn once, however many frames the
 * turn wrote to it: a fan-out to 1,000 members that a turn repeats for 5 messages costs 1,000
 * flushes, not 5,000, and the loop one task for all of them rather than one per connection.
 * The flush runs as a task queued by the turn's first write, so after the turn's reads and the
 * tasks queued before it. One per event-loop thread; touched only on that thread.
 */
final class TurnFlush {
  private static final FastThreadLocal<TurnFlush> OF_THREAD =
      new FastThreadLocal<>() {
        @Override
        protected TurnFlush initialValue() {
          return new TurnFlush();
        }
      };

  private final List<ChannelOutbound> due = new ArrayList<>();
  private final Runnable flushAll = this::flushAll;

  /** The flush of the event loop this thread runs. */
  static TurnFlush ofThisLoop() {
    return OF_THREAD.get();
  }

  /** Notes that {@code out}, a connection of this thread's loop, has a write to flush. */
  void due(ChannelOutbound out) {
    if (out.flushDue) {
      return; // already in this turn's flush
    }
    out.flushDue = true;
    if (due.isEmpty()) {
      out.channel().eventLoop().execute(flushAll);
    }
    due.add(out);
  }

  private void flushAll() {
    // A flush may run a listener that writes again (a close after the last frame): it starts a
    // new turn's list, so flush a snapshot.
    List<ChannelOutbound> now = new ArrayList<>(due);
    due.clear();
    for (ChannelOutbound out : now) {
      out.flushDue = false;
      out.channel().flush();
    }
  }
}
