package dev.parley.client.bot;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How far a bot has got in each of its rooms. Messages arrive in id order per room; each is
 * either finished at once (not to be answered) or in flight until its reply is acknowledged.
 * A room's place is the last id below which everything is finished; it is saved whenever it
 * moves, so a bot started again resumes there and answers again only what was in flight (with
 * the same refs, which the server stores once). Thread-safe (its methods are synchronized: the
 * callback thread and the thread that starts the bot both use it).
 */
final class RoomProgress {
  private final BotState state;
  /** Per room: the place as saved. */
  private final Map<String, Long> saved;
  /** Per room: the highest id handed to the bot. */
  private final Map<String, Long> seen = new HashMap<>();
  /** Per room: ids whose replies are not acknowledged yet. */
  private final Map<String, TreeSet<Long>> inFlight = new HashMap<>();

  RoomProgress(BotState state) {
    this.state = state;
    this.saved = new TreeMap<>(state.load());
  }

  /** Where the bot got to in {@code room} in an earlier run, or {@code null} when it never was there. */
  synchronized Long savedPlace(String room) {
    return saved.get(room);
  }

  /** The bot starts in a room it has no place in yet, at {@code last}. */
  synchronized void begin(String room, long last) {
    seen.put(room, last);
    moved(room, last);
  }

  /** Whether the message was handed over before (in this run or, finished, in an earlier one). */
  synchronized boolean handled(String room, long id) {
    long before = Math.max(seen.getOrDefault(room, -1L), saved.getOrDefault(room, -1L));
    return id <= before;
  }

  /** A message handed over: finished at once unless {@code answering}. */
  synchronized void arrived(String room, long id, boolean answering) {
    seen.put(room, id);
    if (answering) {
      inFlight.computeIfAbsent(room, r -> new TreeSet<>()).add(id);
    } else {
      settle(room);
    }
  }

  /** The reply to message {@code id} was acknowledged (or given up). */
  synchronized void finished(String room, long id) {
    TreeSet<Long> pending = inFlight.get(room);
    if (pending != null) {
      pending.remove(id);
    }
    settle(room);
  }

  private void settle(String room) {
    TreeSet<Long> pending = inFlight.get(room);
    long place = pending == null || pending.isEmpty() ? seen.get(room) : pending.first() - 1;
    moved(room, place);
  }

  private void moved(String room, long place) {
    Long before = saved.get(room);
    if (before == null || place > before) {
      saved.put(room, place);
      state.save(saved);
    }
  }
}
