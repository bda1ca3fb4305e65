package dev.parley.server.room;

import dev.parley.protocol.EncodedFrame;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One frame for many members, handed to each connection thread once for all its members
 * rather than once per member: the hand-off between threads costs more than the write, and a
 * write made on the connection's own thread goes out without one. Each thread's queue keeps
 * the order in which the lane sent, so every member still sees its frames in order.
 */
final class FanOut {
  private final Map<Executor, List<Member>> byThread = new IdentityHashMap<>();

  void add(Member m) {
    byThread.computeIfAbsent(m.executor(), thread -> new ArrayList<>()).add(m);
  }

  void send(EncodedFrame frame) {
    byThread.forEach((thread, members) -> {
      try {
        thread.execute(() -> members.forEach(m -> m.send(frame)));
      } catch (RejectedExecutionException e) {
        // the server is stopping: these connections are closing anyway
      }
    });
  }
}
