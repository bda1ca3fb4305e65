package dev.parley.server.session;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is connected now, by case-folded user name: one registered user may hold many
 * connections; a guest name belongs to one connection at a time. Thread-safe.
 */
public final class SessionRegistry {
  private final ConcurrentHashMap<String, Set<Session>> byUser = new ConcurrentHashMap<>();

  /** Adds a registered user's connection. */
  void add(String key, Session s) {
    byUser.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(s);
  }

  /** Claims a guest name for {@code s}; {@code false} when someone connected uses it. */
  boolean claimGuest(String key, Session s) {
    boolean[] claimed = {false};
    byUser.compute(key, (k, set) -> {
      if (set == null || set.isEmpty()) {
        set = ConcurrentHashMap.newKeySet();
        set.add(s);
        claimed[0] = true;
      }
      return set;
    });
    return claimed[0];
  }

  /** Whether a connected guest uses this name. */
  boolean guestHolds(String key) {
    Set<Session> set = byUser.get(key);
    return set != null && set.stream().anyMatch(Session::isGuest);
  }

  void remove(String key, Session s) {
    byUser.computeIfPresent(key, (k, set) -> {
      set.remove(s);
      return set.isEmpty() ? null : set;
    });
  }

  /** The user's connections now. */
  List<Session> connections(String key) {
    Set<Session> set = byUser.get(key);
    return set == null ? List.of() : List.copyOf(set);
  }
}
