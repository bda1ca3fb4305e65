package dev.parley.bench.floor;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * Flushes every channel written to during an event-loop turn once, in a task that runs after
 * the turn's reads and the tasks queued before it. One per event-loop thread.
 */
final class TurnFlusher {
  private static final FastThreadLocal<TurnFlusher> OF_THREAD = new FastThreadLocal<>() {
    @Override
    protected TurnFlusher initialValue() {
      return new TurnFlusher();
    }
  };

  private final List<FloorMember> dirty = new ArrayList<>();
  private final Runnable flushAll = this::flushAll;

  /** The flusher of the event loop this thread runs. */
  static TurnFlusher current() {
    return OF_THREAD.get();
  }

  /** Notes that {@code member} (on this thread's event loop) has an unflushed write. */
  void written(FloorMember member) {
    if (member.dirty) {
      return; // already due in this turn's flush
    }
    member.dirty = true;
    if (dirty.isEmpty()) {
      member.channel.eventLoop().execute(flushAll);
    }
    dirty.add(member);
  }

  private void flushAll() {
    for (FloorMember member : dirty) {
      member.dirty = false;
      member.channel.flush();
    }
    dirty.clear();
  }
}
