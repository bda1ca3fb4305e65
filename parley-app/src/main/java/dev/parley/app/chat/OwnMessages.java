package dev.parley.app.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The user's own recent messages per room, newest last: what {@code /edit} and {@code /delete}
 * change when no id is given. A deleted one is forgotten, so {@code /delete} twice takes back the
 * last two. Thread-safe.
 */
final class OwnMessages {
  static final int KEPT = 100;
  private final Map<String, Deque<Long>> rooms = new HashMap<>();

  synchronized void sent(String room, long id) {
    Deque<Long> ids = rooms.computeIfAbsent(room, r -> new ArrayDeque<>());
    if (ids.isEmpty() || ids.peekLast() < id) {
      ids.addLast(id);
      if (ids.size() > KEPT) {
        ids.removeFirst();
      }
    }
  }

  synchronized void deleted(String room, long id) {
    Deque<Long> ids = rooms.get(room);
    if (ids != null) {
      ids.remove(id);
    }
  }

  /** The newest, or {@code null} when the user said nothing in the room (that this run saw). */
  synchronized Long last(String room) {
    Deque<Long> ids = rooms.get(room);
    return ids == null || ids.isEmpty() ? null : ids.peekLast();
  }
}
