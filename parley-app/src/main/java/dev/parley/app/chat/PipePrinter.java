package dev.parley.app.chat;

import dev.parley.client.ClientListener;
import dev.parley.protocol.ServerFrame;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the messages of the pipe mode, one line each: those that arrive after each room's
 * join (older ones, which the join replays, are history and not printed). It also lets the
 * pipe wait until its own sends have come back as messages, so their lines are printed before
 * it exits. Thread-safe: the client calls it on its callback thread, the pipe waits on the main
 * thread.
 */
final class PipePrinter implements ClientListener {
  private final PrintStream out;
  /** Per room, the id up to which the join's replay reaches, once known. Guarded by this. */
  private final Map<String, Long> joinedAt = new HashMap<>();
  /** Messages of rooms whose join has not been answered yet. Guarded by this. */
  private final List<ServerFrame.Msg> early = new ArrayList<>();
  /** Per room, the highest id seen. Guarded by this. */
  private final Map<String, Long> seen = new HashMap<>();

  PipePrinter(PrintStream out) {
    this.out = out;
  }

  synchronized void joined(String room, long last) {
    joinedAt.put(room, last);
    List<ServerFrame.Msg> held = new ArrayList<>(early);
    early.clear();
    held.forEach(this::message);
  }

  @Override
  public synchronized void message(ServerFrame.Msg msg) {
    seen.merge(msg.room(), msg.id(), Math::max);
    notifyAll();
    Long replayedUpTo = joinedAt.get(msg.room());
    if (replayedUpTo == null && !msg.room().startsWith("dm:")) {
      early.add(msg);
    } else if (replayedUpTo == null || msg.id() > replayedUpTo) {
      out.println(MessageLine.of(msg));
      out.flush();
    }
  }

  /** Waits until the message with {@code id} in {@code room} has been printed (or passed). */
  synchronized boolean awaitSeen(String room, long id, long deadlineNanos) throws InterruptedException {
    while (seen.getOrDefault(room, 0L) < id) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
