package dev.parley.server.session;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rooms one connection is in, as the hub has told it, and the joins it has asked for and
 * not yet heard back about. The room's lane owns membership; this is the connection's copy,
 * changed only by the hub's answers, which arrive in the lane's order. So a refused join leaves
 * nothing here, and a join, leave and join in a row end where the lane ends. Connection's
 * executor only.
 */
final class RoomMemberships {
  /** Sized for the few rooms most connections are in: it grows when needed. */
  private final Set<String> in = new HashSet<>(4);
  /** Joins asked for and not yet answered, per room; {@code null} while there are none. */
  private Map<String, Integer> asked;

  /**
   * Whether frames for the room should go to its lane: the connection is in it or has asked to
   * be. The lane answers the rest, so this is only the shortcut for rooms never asked for.
   */
  boolean mayBeIn(String room) {
    return in.contains(room) || (asked != null && asked.containsKey(room));
  }

  /** The rooms counted against the per-connection limit: those it is in or is joining. */
  int count() {
    int n = in.size();
    if (asked == null) {
      return n;
    }
    for (String room : asked.keySet()) {
      if (!in.contains(room)) {
        n++;
      }
    }
    return n;
  }

  void asked(String room) {
    if (asked == null) {
      asked = new HashMap<>(4);
    }
    asked.merge(room, 1, Integer::sum);
  }

  /** The hub answered one join of the room; {@code accepted} when it put the connection in. */
  void answered(String room, boolean accepted) {
    if (asked != null) {
      asked.computeIfPresent(room, (r, n) -> n == 1 ? null : n - 1);
      if (asked.isEmpty()) {
        asked = null; // most connections ask rarely: hold nothing between joins
      }
    }
    if (accepted) {
      in.add(room);
    }
  }

  /** The hub put the connection in a room it did not ask for (a private conversation). */
  void added(String room) {
    in.add(room);
  }

  /** The hub took the connection out of a room (it left, was kicked or banned). */
  void removed(String room) {
    in.remove(room);
  }

  /** Every room the hub may have this connection in; forgets them all. */
  Set<String> takeAll() {
    Set<String> all = new HashSet<>(in);
    if (asked != null) {
      all.addAll(asked.keySet());
    }
    in.clear();
    asked = null;
    return all;
  }
}
